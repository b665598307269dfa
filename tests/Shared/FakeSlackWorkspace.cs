using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace PickBot.Testing;

/// <summary>
/// A Slack workspace's state for the fake Web APIs (<see cref="FakeSlackWebApi"/>, <see cref="FakeSocketModeServer"/>):
/// channels with threads, people, and the Home tabs published. Serves conversations.replies (cursor pages of at most
/// <see cref="PageSize"/>, honouring latest/inclusive, with scripted refusals and 429s), users.info and views.publish,
/// and keeps what chat.postMessage posts in its thread, as Slack does, so a later read sees the bot's answer with its
/// metadata. Every call it serves is recorded with its form or JSON arguments.
/// </summary>
public sealed class FakeSlackWorkspace
{
    public const string BotUserId = "UPICKBOT";
    public const string BotId = "BPICKBOT";

    private readonly ConcurrentDictionary<string, List<JsonObject>> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Error, string? Needed)> _refusals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _rateLimits = new();
    private readonly ConcurrentQueue<WorkspaceCall> _calls = new();
    private long _posted;

    private readonly ConcurrentDictionary<string, int> _pageSizes = new(StringComparer.Ordinal);

    /// <summary>The most messages one conversations.replies page holds in a channel, whatever limit is asked (Slack may return fewer).</summary>
    public void PageSize(string channel, int size) => _pageSizes[channel] = size;

    public IReadOnlyList<WorkspaceCall> Calls => _calls.ToArray();

    public IReadOnlyList<WorkspaceCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>Raised after each call is recorded (lets a fake wake its waiters).</summary>
    public event Action? Called;

    public void AddUser(string id, string displayName, string? realName = null) => _users[id] = new JsonObject
    {
        ["id"] = id,
        ["name"] = displayName.ToLowerInvariant(),
        ["real_name"] = realName ?? displayName,
        ["profile"] = new JsonObject { ["display_name"] = displayName, ["real_name"] = realName ?? displayName },
    };

    /// <summary>A person's message; <paramref name="threadTs"/> makes it a reply.</summary>
    public void Say(string channel, string ts, string user, string text, string? threadTs = null) =>
        Add(channel, Message(ts, text, threadTs, user: user));

    /// <summary>A bot's message: PickBot's own when <paramref name="user"/> is <see cref="BotUserId"/> and an entry is given.</summary>
    public void BotSays(string channel, string ts, string text, string threadTs, string user = BotUserId, string botId = BotId, string? entry = null)
    {
        var message = Message(ts, text, threadTs, user: user);
        message["bot_id"] = botId;
        if (entry is not null)
        {
            message["metadata"] = new JsonObject { ["event_type"] = "pickbot_answer", ["event_payload"] = new JsonObject { ["entry"] = entry } };
        }

        Add(channel, message);
    }

    /// <summary>conversations.replies in this channel answers ok:false with this error (and the scope Slack names).</summary>
    public void RefuseHistory(string channel, string error = "missing_scope", string? needed = "channels:history") => _refusals[channel] = (error, needed);

    /// <summary>The next conversations.replies call is answered 429 with this Retry-After (seconds).</summary>
    public void RateLimitNextRead(int retryAfterSeconds = 1) => _rateLimits.Enqueue(retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>The messages of a thread as the workspace holds them (bot answers included), oldest first.</summary>
    public IReadOnlyList<JsonObject> Thread(string channel, string threadTs)
    {
        var messages = _channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            return messages.Where(m => Ts(m) == threadTs || (string?)m["thread_ts"] == threadTs).Select(m => (JsonObject)m.DeepClone()).ToList();
        }
    }

    /// <summary>Serves the methods above; false for any other path (the fake answers those itself).</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, string path, string body)
    {
        var method = path.StartsWith("/api/", StringComparison.Ordinal) ? path[5..] : null;
        if (method is not ("conversations.replies" or "users.info" or "views.publish" or "chat.postMessage"))
        {
            return false;
        }

        JsonNode? json = null;
        try
        {
            json = (context.Request.ContentType ?? string.Empty).Contains("json", StringComparison.OrdinalIgnoreCase) && body.Length > 0 ? JsonNode.Parse(body) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON after all: recorded without it.
        }

        var form = json is null ? QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal) : [];
        _calls.Enqueue(new WorkspaceCall(method, context.Request.Headers.Authorization.ToString(), form, json, DateTimeOffset.UtcNow));
        Called?.Invoke();
        if (method == "conversations.replies" && _rateLimits.TryDequeue(out var retryAfter))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = retryAfter;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync("""{"ok":false,"error":"ratelimited"}""");
            return true;
        }

        var answer = method switch
        {
            "conversations.replies" => Replies(form),
            "users.info" => UsersInfo(form),
            "views.publish" => json?["view"]?["type"]?.GetValue<string>() == "home" ? new JsonObject { ["ok"] = true } : Error("invalid_arguments"),
            _ => Post(json),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString());
        return true;
    }

    private static JsonObject Error(string error, string? needed = null)
    {
        var answer = new JsonObject { ["ok"] = false, ["error"] = error };
        if (needed is not null)
        {
            answer["needed"] = needed;
            answer["provided"] = "app_mentions:read,chat:write,commands";
        }

        return answer;
    }

    private static string Ts(JsonObject m) => (string)m["ts"]!;

    private static decimal Number(string ts) => decimal.Parse(ts, CultureInfo.InvariantCulture);

    private static JsonObject Message(string ts, string text, string? threadTs, string user)
    {
        var message = new JsonObject { ["type"] = "message", ["ts"] = ts, ["user"] = user, ["text"] = text };
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        return message;
    }

    private void Add(string channel, JsonObject message)
    {
        var messages = _channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            // In ts order; a post is the newest, so this is an append in the common case (load tests post thousands).
            var at = messages.Count;
            while (at > 0 && Number(Ts(messages[at - 1])) > Number(Ts(message)))
            {
                at--;
            }

            messages.Insert(at, message);
        }
    }

    private JsonObject Replies(Dictionary<string, string> form)
    {
        if (!form.TryGetValue("channel", out var channel) || !form.TryGetValue("ts", out var ts))
        {
            return Error("invalid_arguments");
        }

        if (_refusals.TryGetValue(channel, out var refusal))
        {
            return Error(refusal.Error, refusal.Needed);
        }

        var thread = Thread(channel, ts);
        if (thread.Count == 0)
        {
            return Error("thread_not_found");
        }

        if (form.TryGetValue("latest", out var latest))
        {
            var inclusive = form.TryGetValue("inclusive", out var flag) && flag is "true" or "1";
            thread = thread.Where(m => Ts(m) == ts || (inclusive ? Number(Ts(m)) <= Number(latest) : Number(Ts(m)) < Number(latest))).ToList();
        }

        var limit = Math.Min(_pageSizes.GetValueOrDefault(channel, 200), form.TryGetValue("limit", out var asked) && int.TryParse(asked, out var n) && n > 0 ? n : 1000);
        var offset = form.TryGetValue("cursor", out var cursor) && cursor.StartsWith("offset:", StringComparison.Ordinal) ? int.Parse(cursor[7..], CultureInfo.InvariantCulture) : 0;
        var page = new JsonArray(thread.Skip(offset).Take(limit).Select(m => (JsonNode)m).ToArray());
        var more = offset + limit < thread.Count;
        return new JsonObject
        {
            ["ok"] = true,
            ["messages"] = page,
            ["has_more"] = more,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = more ? "offset:" + (offset + limit).ToString(CultureInfo.InvariantCulture) : string.Empty },
        };
    }

    private string NextTs(string channel)
    {
        var messages = _channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            var latest = messages.Count > 0 ? Number(Ts(messages[^1])) : 1_700_000_000m;
            var next = Math.Max(latest + 0.000001m, 1_700_000_000m + (Interlocked.Increment(ref _posted) / 1_000_000m));
            return next.ToString("0.000000", CultureInfo.InvariantCulture);
        }
    }

    private JsonObject UsersInfo(Dictionary<string, string> form) =>
        form.TryGetValue("user", out var id) && _users.TryGetValue(id, out var user)
            ? new JsonObject { ["ok"] = true, ["user"] = user.DeepClone() }
            : Error("user_not_found");

    /// <summary>The bot's message lands in its channel (and thread), with its metadata, just after the channel's latest message.</summary>
    private JsonObject Post(JsonNode? json)
    {
        var channel = json?["channel"]?.GetValue<string>() ?? "C0FAKE";
        var ts = NextTs(channel);
        var message = Message(ts, json?["text"]?.GetValue<string>() ?? string.Empty, json?["thread_ts"]?.GetValue<string>(), BotUserId);
        message["bot_id"] = BotId;
        if (json?["metadata"] is { } metadata)
        {
            message["metadata"] = metadata.DeepClone();
        }

        Add(channel, message);
        return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts };
    }
}

/// <summary>One call the workspace served: its Web API method, Authorization, and its form or JSON arguments.</summary>
public sealed record WorkspaceCall(string Method, string Authorization, IReadOnlyDictionary<string, string> Form, JsonNode? Json, DateTimeOffset At);
