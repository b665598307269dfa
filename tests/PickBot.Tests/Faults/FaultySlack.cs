using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PickBot.Tests.Faults;

/// <summary>What the fake does with one chat.postMessage attempt.</summary>
public enum PostFault
{
    None,

    /// <summary>HTTP 503; nothing is posted.</summary>
    ServerError,

    /// <summary>HTTP 429 with Retry-After: 1; nothing is posted.</summary>
    RateLimited,

    /// <summary>Holds the request past the bot's attempt timeout, then posts it anyway: the bot cannot know.</summary>
    Stall,
}

/// <summary>
/// Slack's Web API on loopback with faults, for the fault suite: slow, failing, rate-limiting or stalling posts. A post
/// counts as delivered the moment Slack would have it: after the delay, before the reply, whether the client is still
/// there (killed, timed out) or not. Answers conversations.replies/history from what was delivered, with metadata, as
/// Slack does, so the bot can check what it already answered.
/// </summary>
public sealed class FaultySlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _posted = new();
    private readonly ConcurrentQueue<string> _responses = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int _ts;

    private FaultySlack(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public string ApiBaseUrl => BaseUrl + "api/";

    /// <summary>How long each post takes before Slack has it.</summary>
    public TimeSpan PostDelay { get; set; }

    /// <summary>How long a <see cref="PostFault.Stall"/> holds the request.</summary>
    public TimeSpan StallFor { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The fault for attempt n (0-based) at answering an event.</summary>
    public Func<string, int, PostFault> Faults { get; set; } = (_, _) => PostFault.None;

    public int Attempts => _attempts.Values.Sum();

    public static async Task<FaultySlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FaultySlack(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return fake;
    }

    public Uri ResponseUrl(string id) => new(BaseUrl + "response/" + id);

    /// <summary>Delivered answers per event id (from the answer's metadata).</summary>
    public IReadOnlyDictionary<string, int> AnswersByEvent() => _posted
        .Select(p => p["metadata"]?["event_payload"]?["event_id"]?.GetValue<string>() ?? "(none)")
        .GroupBy(id => id, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public IReadOnlyList<string> Responses => _responses.ToArray();

    public async Task WaitForAnswersAsync(IEnumerable<string> eventIds, TimeSpan timeout)
    {
        var wanted = eventIds.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !wanted.All(AnswersByEvent().ContainsKey))
        {
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(CancellationToken.None);
        context.Response.ContentType = "application/json; charset=utf-8";
        switch (path)
        {
            case "/api/auth.test":
                await context.Response.WriteAsync("""{"ok":true,"user_id":"UPICKBOT","bot_id":"BPICK"}""");
                return;
            case "/api/chat.postMessage":
                await PostAsync(context, JsonNode.Parse(body)!.AsObject());
                return;
            case "/api/conversations.replies":
            case "/api/conversations.history":
                await context.Response.WriteAsync(Conversation(path, System.Web.HttpUtility.ParseQueryString(body)));
                return;
            default:
                if (path.StartsWith("/response/", StringComparison.Ordinal))
                {
                    _responses.Enqueue(body);
                }

                await context.Response.WriteAsync("""{"ok":true}""");
                return;
        }
    }

    private async Task PostAsync(HttpContext context, JsonObject message)
    {
        var eventId = message["metadata"]?["event_payload"]?["event_id"]?.GetValue<string>() ?? string.Empty;
        var attempt = _attempts.AddOrUpdate(eventId, 1, (_, n) => n + 1) - 1;
        var fault = Faults(eventId, attempt);
        switch (fault)
        {
            case PostFault.ServerError:
                context.Response.StatusCode = 503;
                return;
            case PostFault.RateLimited:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return;
        }

        // Independent of the client: a killed or impatient client does not unsend a message Slack is posting.
        await Task.Delay(fault == PostFault.Stall ? StallFor : PostDelay, CancellationToken.None);
        var ts = $"1800000000.{Interlocked.Increment(ref _ts):D6}";
        message["ts"] = ts;
        _posted.Enqueue(message);
        try
        {
            await context.Response.WriteAsync($$"""{"ok":true,"channel":"{{message["channel"]}}","ts":"{{ts}}"}""");
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client is gone (killed or timed out); the message stays posted.
        }
    }

    private string Conversation(string path, System.Collections.Specialized.NameValueCollection form)
    {
        var channel = form["channel"];
        var thread = form["ts"];
        var messages = new JsonArray();
        foreach (var m in _posted.Where(m => m["channel"]?.GetValue<string>() == channel
            && (path.EndsWith("history", StringComparison.Ordinal) || m["thread_ts"]?.GetValue<string>() == thread)))
        {
            messages.Add(new JsonObject { ["ts"] = m["ts"]?.GetValue<string>(), ["text"] = m["text"]?.GetValue<string>(), ["metadata"] = m["metadata"]?.DeepClone() });
        }

        return new JsonObject { ["ok"] = true, ["messages"] = messages }.ToJsonString();
    }
}
