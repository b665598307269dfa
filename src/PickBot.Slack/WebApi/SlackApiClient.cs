using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PickBot.Slack.WebApi;

/// <summary>
/// The Web API over a typed HttpClient: JSON bodies with charset, the bot token as a Bearer header (never in the body
/// or the URL). Retries, backoff, timeouts and the circuit breaker live in the client's resilience pipeline
/// (see <see cref="ServiceCollectionExtensions"/>); this class turns the final outcome into a <see cref="SlackApiResult"/>.
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, ILogger<SlackApiClient> logger) : ISlackApiClient
{
    public Task<SlackApiResult> PostMessageAsync(ChatPostMessage message, CancellationToken cancellationToken = default) =>
        CallAsync("chat.postMessage", message, cancellationToken);

    public Task<SlackApiResult> PostEphemeralAsync(ChatPostEphemeral message, CancellationToken cancellationToken = default) =>
        CallAsync("chat.postEphemeral", message, cancellationToken);

    public Task<SlackApiResult> UpdateAsync(ChatUpdate message, CancellationToken cancellationToken = default) =>
        CallAsync("chat.update", message, cancellationToken);

    public Task<SlackApiResult> AuthTestAsync(CancellationToken cancellationToken = default) =>
        CallAsync<object?>("auth.test", null, cancellationToken);

    public async Task<SlackApiResult> RespondAsync(Uri responseUrl, ResponseMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        if (!responseUrl.IsAbsoluteUri || (responseUrl.Scheme != Uri.UriSchemeHttps && responseUrl.Scheme != Uri.UriSchemeHttp))
        {
            return SlackApiResult.Failed("invalid_response_url");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(message) };
        return await SendAsync("response_url", request, cancellationToken);
    }

    public async Task<SlackApiResult> RespondAsync(Uri responseUrl, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentException.ThrowIfNullOrEmpty(json);
        if (!responseUrl.IsAbsoluteUri || (responseUrl.Scheme != Uri.UriSchemeHttps && responseUrl.Scheme != Uri.UriSchemeHttp))
        {
            return SlackApiResult.Failed("invalid_response_url");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await SendAsync("response_url", request, cancellationToken);
    }

    public async Task<bool?> IsAnsweredAsync(string channel, string? threadTs, string oldest, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var token = options.Value.BotToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        // Read methods take a form, not JSON. One page: the answer follows the question within a few messages.
        var method = threadTs is null ? "conversations.history" : "conversations.replies";
        var form = new Dictionary<string, string> { ["channel"] = channel, ["oldest"] = oldest, ["inclusive"] = "false", ["include_all_metadata"] = "true", ["limit"] = "200" };
        if (threadTs is not null)
        {
            form["ts"] = threadTs;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUri, method)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = doc.RootElement;
            if (!response.IsSuccessStatusCode || !root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True || !root.TryGetProperty("messages", out var messages))
            {
                logger.LogWarning("Slack {Method} could not tell whether event {EventId} was answered ({Error})", method, eventId, String(root, "error") ?? $"HTTP {(int)response.StatusCode}");
                return null;
            }

            return messages.EnumerateArray().Any(m =>
                m.TryGetProperty("metadata", out var metadata)
                && String(metadata, "event_type") == MessageMetadata.AnswerType
                && metadata.TryGetProperty("event_payload", out var payload)
                && String(payload, "event_id") == eventId);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or BrokenCircuitException or TimeoutRejectedException or InvalidOperationException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Slack {Method} could not tell whether event {EventId} was answered ({Reason})", method, eventId, e.GetType().Name);
            return null;
        }
    }

    private async Task<SlackApiResult> CallAsync<T>(string method, T body, CancellationToken cancellationToken)
    {
        var token = options.Value.BotToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            logger.LogWarning("Slack {Method} not called: no bot token is configured (set Slack__BotToken)", method);
            return SlackApiResult.Failed("no_bot_token");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUri, method))
        {
            Content = Json(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        return await SendAsync(method, request, cancellationToken);
    }

    private async Task<SlackApiResult> SendAsync(string method, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                logger.LogWarning("Slack {Method} failed with HTTP {Status} after retries", method, status);
                return SlackApiResult.Failed($"http_{status}");
            }

            var result = await ReadResultAsync(response, cancellationToken);
            if (!result.Ok)
            {
                logger.LogWarning("Slack {Method} returned ok=false, error {Error}", method, result.Error);
            }
            else if (result.Warning is not null)
            {
                logger.LogInformation("Slack {Method} succeeded with warning {Warning}", method, result.Warning);
            }

            return result;
        }
        catch (BrokenCircuitException)
        {
            logger.LogWarning("Slack {Method} not attempted: the circuit is open after repeated failures", method);
            return SlackApiResult.Failed("circuit_open");
        }
        catch (TimeoutRejectedException)
        {
            logger.LogWarning("Slack {Method} timed out after retries", method);
            return SlackApiResult.Failed("timeout");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Slack {Method} could not be sent after retries ({Reason})", method, SlackErrors.Reason(e));
            return SlackApiResult.Failed("http_error");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Slack {Method} timed out", method);
            return SlackApiResult.Failed("timeout");
        }
    }

    private static async Task<SlackApiResult> ReadResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok))
            {
                return new SlackApiResult(true);
            }

            return new SlackApiResult(ok.ValueKind == JsonValueKind.True, String(root, "error") ?? (ok.ValueKind == JsonValueKind.True ? null : "unknown_error"))
            {
                Channel = String(root, "channel"),
                Ts = String(root, "ts") ?? String(root, "message_ts"),
                UserId = String(root, "user_id"),
                Warning = String(root, "warning"),
            };
        }
        catch (JsonException)
        {
            // response_url answers a plain "ok"; any 2xx without Slack's JSON counts as delivered.
            return new SlackApiResult(true);
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static StringContent Json<T>(T body) =>
        new(body is null ? "{}" : JsonSerializer.Serialize(body, SlackJson.Options), Encoding.UTF8, "application/json");
}
