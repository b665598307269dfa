using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace PickBot.Llm;

/// <summary>
/// One chat completion, with every way it can go wrong turned into null and a log line: an open circuit, HTTP errors,
/// timeouts, malformed JSON, no choices, a content filter, an empty or cut-off reply. The API key is never logged.
/// </summary>
internal sealed class LlmChat(IChatCompletionService chat, LlmResilience resilience, IOptions<LlmOptions> options, ILogger<LlmChat> logger)
{
    public async Task<string?> CompleteAsync(string purpose, ChatHistory history, CancellationToken cancellationToken)
    {
        if (resilience.IsOpen)
        {
            logger.LogWarning("LLM {Purpose} skipped: the circuit is open after repeated failures", purpose);
            return null;
        }

        var o = options.Value;
        var settings = new OpenAIPromptExecutionSettings
        {
            Temperature = o.Temperature,
            MaxTokens = o.MaxTokens,
        };
        try
        {
            var replies = await chat.GetChatMessageContentsAsync(history, settings, kernel: null, cancellationToken);
            if (replies.Count == 0)
            {
                logger.LogWarning("LLM {Purpose} fell back: the reply had no choices", purpose);
                return null;
            }

            var reply = replies[0];
            var finish = FinishReason(reply);
            if (finish is not null && (finish.Contains("filter", StringComparison.OrdinalIgnoreCase) || finish.Equals("length", StringComparison.OrdinalIgnoreCase)))
            {
                logger.LogWarning("LLM {Purpose} fell back: finish reason {FinishReason}", purpose, finish);
                return null;
            }

            if (string.IsNullOrWhiteSpace(reply.Content))
            {
                logger.LogWarning("LLM {Purpose} fell back: the reply was empty", purpose);
                return null;
            }

            return reply.Content.Trim();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("LLM {Purpose} cancelled by the caller's time budget", purpose);
            return null;
        }
#pragma warning disable CA1031 // Any failure of the optional step is a fallback, never an error for the person asking.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Type, status and a bounded message only: exception text is ours or the server's, never the request headers.
            logger.LogWarning("LLM {Purpose} fell back: {Error} (status {Status}): {Message}", purpose, Describe(e), Status(e), Redacted(e.Message, o.ApiKey));
            return null;
        }
    }

    private static string? FinishReason(ChatMessageContent reply)
    {
        if (reply.Metadata is null || !reply.Metadata.TryGetValue("FinishReason", out var value) || value is null)
        {
            return null;
        }

        return value.ToString();
    }

    private static string Describe(Exception e) => e.InnerException is { } inner && e is HttpOperationException or KernelException
        ? $"{e.GetType().Name}/{inner.GetType().Name}"
        : e.GetType().Name;

    private static int? Status(Exception e) => e is HttpOperationException { StatusCode: HttpStatusCode code } ? (int)code : null;

    /// <summary>A bounded message with the key blanked, in case a server echoes the request back in its error.</summary>
    private static string Redacted(string message, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            message = message.Replace(apiKey, "***", StringComparison.Ordinal);
        }

        return message.Length > 300 ? message[..300] + "..." : message;
    }
}
