using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using PickBot.Core.Answers;
using PickBot.Core.Rephrasing;

namespace PickBot.Llm;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the optional LLM step from section "Llm": with <c>Enabled</c> off, the pass-through rephraser and
    /// interpreter; with it on, Semantic Kernel's OpenAI connector over an HttpClient that runs through
    /// <see cref="LlmResilience"/>. Either way <see cref="ConversationalAnswerer"/> is the pipeline callers use.
    /// A test may register its own <see cref="IChatCompletionService"/> first.
    /// </summary>
    public static IServiceCollection AddPickBotLlm(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IConfiguration>(
                (_, configuration) => !ApiKeyInFile(configuration),
                "Llm:ApiKey must not be written in appsettings.json; set it in the environment (Llm__ApiKey)")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LlmResilience>();
        services.TryAddSingleton(sp => new LlmHttpClient(new HttpClient(new LlmResilienceHandler(sp.GetRequiredService<LlmResilience>())
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        })
        {
            // Polly owns the time limits; HttpClient's own 100-second default would only get in its way.
            Timeout = Timeout.InfiniteTimeSpan,
        }));
        services.TryAddSingleton<IChatCompletionService>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var client = new OpenAIClient(
                // Local servers (Ollama, vLLM, LM Studio) need no key, but the client library insists on one.
                new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "no-key" : o.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(o.Endpoint!),
                    Transport = new HttpClientPipelineTransport(sp.GetRequiredService<LlmHttpClient>().Client),
                    // LlmResilience retries and times out; the client library's own retries would multiply them.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = Timeout.InfiniteTimeSpan,
                });
            return new OpenAIChatCompletionService(o.Model!, client, sp.GetService<ILoggerFactory>());
        });
        services.TryAddSingleton<LlmChat>();
        services.Replace(ServiceDescriptor.Singleton<IAnswerRephraser>(sp => Enabled(sp)
            ? ActivatorUtilities.CreateInstance<SemanticKernelRephraser>(sp)
            : new PassThroughRephraser()));
        services.Replace(ServiceDescriptor.Singleton<IQuestionInterpreter>(sp => Enabled(sp)
            ? ActivatorUtilities.CreateInstance<SemanticKernelInterpreter>(sp)
            : new NoQuestionInterpreter()));
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new ConversationalAnswerer(
                sp.GetRequiredService<PickEngine>(),
                sp.GetRequiredService<IAnswerRephraser>(),
                sp.GetRequiredService<IQuestionInterpreter>(),
                sp.GetService<ILogger<ConversationalAnswerer>>(),
                o.MaxChars,
                TimeSpan.FromMilliseconds(o.MentionBudgetMs));
        }));
        return services;
    }

    private static bool Enabled(IServiceProvider services) => services.GetRequiredService<IOptions<LlmOptions>>().Value.Enabled;

    private static bool ApiKeyInFile(IConfiguration configuration) =>
        configuration is IConfigurationRoot root
        && root.Providers.OfType<JsonConfigurationProvider>().Any(p => p.TryGet($"{LlmOptions.SectionName}:{nameof(LlmOptions.ApiKey)}", out var key) && !string.IsNullOrEmpty(key));
}

/// <summary>The LLM's own HttpClient, wrapped so it is not mistaken for a general one in the container.</summary>
internal sealed record LlmHttpClient(HttpClient Client);
