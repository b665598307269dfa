using System.Globalization;
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
/// Every method with a token gets it in <c>CallContentAsync</c>, from <see cref="ISlackTokenProvider"/> for the team
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

    public Task<SlackApiResult> ViewsPublishAsync(ViewsPublish view, CancellationToken cancellationToken = default) =>
        CallAsync("views.publish", view, cancellationToken);

    public async Task<ConversationsRepliesPage> ConversationsRepliesAsync(ConversationsReplies request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new List<KeyValuePair<string, string>>
        {
            new("channel", request.Channel),
            new("ts", request.Ts),
            new("limit", request.Limit.ToString(CultureInfo.InvariantCulture)),
            new("include_all_metadata", "true"),
        };
        if (request.Latest is not null)
        {
            form.Add(new("latest", request.Latest));
            form.Add(new("inclusive", "false"));
        }

        if (request.Cursor is not null)
        {
            form.Add(new("cursor", request.Cursor));
        }

        var page = new List<ThreadReply>();
        string? next = null;
        string? needed = null;
        var status = await CallContentAsync("conversations.replies", new FormUrlEncodedContent(form), cancellationToken, root =>
        {
            needed = String(root, "needed");
            next = root.TryGetProperty("response_metadata", out var meta) ? String(meta, "next_cursor") : null;
            if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var m in messages.EnumerateArray())
                {
                    page.Add(new ThreadReply(String(m, "ts") ?? string.Empty, String(m, "user"), String(m, "bot_id"), String(m, "subtype"), String(m, "text") ?? string.Empty, EntryOf(m)));
                }
            }
        });
        return new ConversationsRepliesPage(status, page, string.IsNullOrEmpty(next) ? null : next, needed);
    }

    public async Task<UsersInfo> UsersInfoAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        string? display = null, real = null, name = null;
        var status = await CallContentAsync("users.info", new FormUrlEncodedContent([new("user", userId)]), cancellationToken, root =>
        {
            if (root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object)
            {
                name = String(user, "name");
                real = String(user, "real_name");
                if (user.TryGetProperty("profile", out var profile) && profile.ValueKind == JsonValueKind.Object)
                {
                    display = String(profile, "display_name");
                    real ??= String(profile, "real_name");
                }
            }
        });
        return new UsersInfo(status, display, real, name);
    }

    // PickBot's own answers: metadata {event_type: pickbot_answer, event_payload: {event_id, entry, pick}}.
    private static string? EntryOf(JsonElement message) => AnswerPayloadOf(message) is { } payload ? String(payload, "entry") : null;

    public Task<SlackApiResult> RespondAsync(Uri responseUrl, ResponseMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        return PostToResponseUrlAsync(responseUrl, Json(message), cancellationToken);
    }

    public Task<SlackApiResult> RespondAsync(Uri responseUrl, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentException.ThrowIfNullOrEmpty(json);
        return PostToResponseUrlAsync(responseUrl, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);
    }

    // No token: the response_url is its own credential. Only http(s) URLs, whatever a payload names.
    private async Task<SlackApiResult> PostToResponseUrlAsync(Uri responseUrl, HttpContent content, CancellationToken cancellationToken)
    {
        using var owned = content;
        if (!responseUrl.IsAbsoluteUri || (responseUrl.Scheme != Uri.UriSchemeHttps && responseUrl.Scheme != Uri.UriSchemeHttp))
        {
            return SlackApiResult.Failed("invalid_response_url");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = content };
        return await SendAsync("response_url", request, cancellationToken);
    }

    public async Task<bool?> IsAnsweredAsync(string channel, string? threadTs, string oldest, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(eventId);

        // Read methods take a form, not JSON. One page: the answer follows the question within a few messages.
        var method = threadTs is null ? "conversations.history" : "conversations.replies";
        var form = new List<KeyValuePair<string, string>> { new("channel", channel), new("oldest", oldest), new("inclusive", "false"), new("include_all_metadata", "true"), new("limit", "200") };
        if (threadTs is not null)
        {
            form.Add(new("ts", threadTs));
        }

        var answered = false;
        var status = await CallContentAsync(method, new FormUrlEncodedContent(form), cancellationToken, root =>
            answered = root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
                && messages.EnumerateArray().Any(m => EventIdOf(m) == eventId));
        if (!status.Ok)
        {
            logger.LogWarning("Slack {Method} could not tell whether event {EventId} was answered ({Error})", method, eventId, status.Error);
            return null;
        }

        return answered;
    }

    private static string? EventIdOf(JsonElement message) => AnswerPayloadOf(message) is { } payload ? String(payload, "event_id") : null;

    private static JsonElement? AnswerPayloadOf(JsonElement message) =>
        message.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && String(metadata, "event_type") == MessageMetadata.AnswerType
        && metadata.TryGetProperty("event_payload", out var payload) && payload.ValueKind == JsonValueKind.Object
            ? payload
            : null;

    private Task<SlackApiResult> CallAsync<T>(string method, T body, CancellationToken cancellationToken) =>
        CallContentAsync(method, Json(body), cancellationToken);

    /// <param name="read">Reads the fields of an ok:true answer beyond ok and error (a read method's results).</param>
    private async Task<SlackApiResult> CallContentAsync(string method, HttpContent content, CancellationToken cancellationToken, Action<JsonElement>? read = null)
    {
        using var owned = content;
        var team = SlackTeamScope.Current;
        var token = await tokens.GetBotTokenAsync(team, cancellationToken);
        if (token.Value is null)
        {
            LogNoToken(method, team, token.Error);
            return SlackApiResult.Failed(token.Error ?? "no_bot_token");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUri, method))
        {
            Content = content,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return await SendAsync(method, request, cancellationToken, read);
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

    private async Task<SlackApiResult> SendAsync(string method, HttpRequestMessage request, CancellationToken cancellationToken, Action<JsonElement>? read = null)
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

            var result = await ReadResultAsync(response, read, cancellationToken);
            if (!result.Ok && read is not null && result.Error is "missing_scope" or "not_in_channel" or "user_not_found")
            {
                // A read that PickBot answers without (the thread, a name): its caller logs what to do about it.
                logger.LogDebug("Slack {Method} returned ok=false, error {Error}", method, result.Error);
            }
            else if (!result.Ok)
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

    private static async Task<SlackApiResult> ReadResultAsync(HttpResponseMessage response, Action<JsonElement>? read, CancellationToken cancellationToken)
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

            read?.Invoke(root);
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
