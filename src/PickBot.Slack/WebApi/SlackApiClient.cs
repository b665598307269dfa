using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.Installations;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PickBot.Slack.WebApi;

/// <summary>
/// The Web API over a typed HttpClient: JSON bodies with charset, the bot token as a Bearer header (never in the body
/// or the URL). Retries, backoff, timeouts and the circuit breaker live in the client's resilience pipeline
/// (see <see cref="ServiceCollectionExtensions"/>); this class turns the final outcome into a <see cref="SlackApiResult"/>.
/// Every method with a token gets it in <see cref="CallAsync{T}"/>, from <see cref="ISlackTokenProvider"/> for the team
/// in <see cref="SlackTeamScope.Current"/>: the one place a token is chosen.
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, ISlackTokenProvider tokens, ILogger<SlackApiClient> logger) : ISlackApiClient
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

    private async Task<SlackApiResult> CallAsync<T>(string method, T body, CancellationToken cancellationToken)
    {
        var team = SlackTeamScope.Current;
        var token = await tokens.GetBotTokenAsync(team, cancellationToken);
        if (token.Value is null)
        {
            LogNoToken(method, team, token.Error);
            return SlackApiResult.Failed(token.Error ?? "no_bot_token");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUri, method))
        {
            Content = Json(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return await SendAsync(method, request, cancellationToken);
    }

    private void LogNoToken(string method, SlackTeam? team, string? error)
    {
        switch (error)
        {
            case "not_installed":
                logger.LogWarning("Slack {Method} not called: team {Team} has no installation", method, team);
                break;
            case "token_expired":
                logger.LogWarning("Slack {Method} not called: the token of team {Team} expired and could not be refreshed", method, team);
                break;
            case "no_team":
                logger.LogWarning("Slack {Method} not called: it was made outside any workspace and no Slack__BotToken is set", method);
                break;
            default:
                logger.LogWarning("Slack {Method} not called: no bot token is configured (set Slack__BotToken)", method);
                break;
        }
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
            logger.LogWarning(e, "Slack {Method} could not be sent after retries", method);
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
