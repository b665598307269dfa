using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.SocketMode;

/// <summary>
/// Calls apps.connections.open with the app-level token (in the Authorization header, as Slack asks) and turns the answer
/// into a URL or a classified failure. No retries here: the connection loop owns backoff.
/// </summary>
public sealed class ConnectionsOpenClient(HttpClient http, IOptions<SocketModeOptions> options)
{
    public const string Method = "apps.connections.open";

    /// <summary>Errors that no amount of retrying fixes: a human must change the token or the app's configuration.</summary>
    private static readonly HashSet<string> FatalErrors = new(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type",
        "missing_scope", "no_permission", "invalid_token",
    };

    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromSeconds(30);

    public async Task<ConnectionsOpenResult> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUri, Method))
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AppToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.SocketConnectTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ConnectionsOpenResult.Failure($"{Method} timed out after {settings.SocketConnectTimeout}");
        }
        catch (HttpRequestException e)
        {
            return ConnectionsOpenResult.Failure($"{Method} unreachable: {e.Message}");
        }

        using (response)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return ConnectionsOpenResult.Failure("ratelimited", retryAfter: retryAfter ?? DefaultRateLimitWait);
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return ConnectionsOpenResult.Failure($"HTTP {(int)response.StatusCode}", fatal: true);
            }

            if (!response.IsSuccessStatusCode)
            {
                return ConnectionsOpenResult.Failure($"HTTP {(int)response.StatusCode}");
            }

            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return ConnectionsOpenResult.Failure("answer is not a JSON object");
                }

                if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
                    && root.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) && (uri.Scheme == "wss" || uri.Scheme == "ws"))
                {
                    return ConnectionsOpenResult.Success(settings.SocketDebugReconnects ? WithDebugReconnects(uri) : uri);
                }

                var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "unknown_error" : "no url in answer";
                return error == "ratelimited"
                    ? ConnectionsOpenResult.Failure(error, retryAfter: retryAfter ?? DefaultRateLimitWait)
                    : ConnectionsOpenResult.Failure(error, fatal: FatalErrors.Contains(error));
            }
            catch (JsonException e)
            {
                return ConnectionsOpenResult.Failure("malformed JSON: " + e.Message);
            }
        }
    }

    private static Uri WithDebugReconnects(Uri uri) =>
        new(uri + (string.IsNullOrEmpty(uri.Query) ? "?" : "&") + "debug_reconnects=true");
}
