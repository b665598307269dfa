namespace PickBot.Llm;

/// <summary>Runs each request of Semantic Kernel's OpenAI connector through <see cref="LlmResilience"/>.</summary>
internal sealed class LlmResilienceHandler(LlmResilience resilience) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // A retry sends the same request again, so its body must be readable more than once.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        return await resilience.SendAsync(token => base.SendAsync(request, token), cancellationToken);
    }
}
