using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Timeout;

namespace PickBot.Slack.WebApi;

/// <summary>Which failures of a Web API call are worth another attempt.</summary>
public static class SlackErrors
{
    /// <summary>
    /// Slack's <c>ok:false</c> codes that describe Slack's state, not the request: the same call may well succeed later.
    /// Everything else (channel_not_found, invalid_blocks, not_authed, ...) fails the same way every time.
    /// </summary>
    public static readonly IReadOnlySet<string> Transient = new HashSet<string>(StringComparer.Ordinal)
    {
        "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
    };

    /// <summary>
    /// 429, 5xx, 408, connection failures and attempt timeouts; or a 200 whose body is a transient ok:false. Not a
    /// timed-out chat.postMessage: Slack may have posted it, so the intake journal checks before it answers again.
    /// </summary>
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken, HttpRequestMessage? request = null)
    {
        if (outcome.Exception is TimeoutRejectedException && request?.RequestUri?.AbsolutePath.EndsWith("/chat.postMessage", StringComparison.Ordinal) == true)
        {
            return false;
        }

        if (IsTransientHttp(outcome))
        {
            return true;
        }

        if (outcome.Result is { IsSuccessStatusCode: true } response)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            return error is not null && Transient.Contains(error);
        }

        return false;
    }

    /// <summary>The circuit opens on Slack being down, not on Slack asking us to slow down (429).</summary>
    public static ValueTask<bool> ShouldBreak(Outcome<HttpResponseMessage> outcome) =>
        ValueTask.FromResult(outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests && IsTransientHttp(outcome));

    /// <summary>Connection failures, attempt timeouts, 408, 429 and 5xx.</summary>
    public static bool IsTransientHttp(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>The <c>error</c> of an <c>ok:false</c> JSON body; null for success or a body that is not Slack's JSON.</summary>
    public static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!IsJson(response.Content.Headers.ContentType))
        {
            return null;
        }

        // Buffered, so the caller can still read the body after the retry strategy looked at it.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False)
            {
                return root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : "unknown_error";
            }
        }
        catch (JsonException)
        {
            // Not Slack's JSON (a proxy's error page, say): judged by its status code alone.
        }

        return null;
    }

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && media.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A failed call's reason in one line for the log, never a stack trace: a network failure, a timeout and an open
    /// circuit are what a bot meets when Slack or the network is down, not bugs.
    /// </summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
            TimeoutRejectedException timeout => $"timed out after {timeout.Timeout.TotalSeconds:0.#} s",
            Polly.CircuitBreaker.BrokenCircuitException => "circuit open",
            OperationCanceledException => "cancelled",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
    }
}
