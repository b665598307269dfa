using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PickBot.Testing;

/// <summary>
/// Slack's Web API played by Kestrel on 127.0.0.1 (a free port): records every request PickBot sends (path,
/// Authorization, Content-Type, JSON body) and answers from a script, ok:true by default. Also serves response_url
/// posts under <see cref="ResponseUrl"/>, and plays Slack's authorize page at <see cref="AuthorizeUrl"/> (it sends the
/// browser straight back to the redirect_uri with a code and the state, as after a click on "Allow").
/// </summary>
public sealed class FakeSlackWebApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _script = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);
    private int _ts;
    private int _codes;

    private FakeSlackWebApi(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The Web API base, as Slack:ApiBaseUrl.</summary>
    public string ApiBaseUrl => BaseUrl + "api/";

    /// <summary>Slack's OAuth authorize page, as Slack:AuthorizeUrl.</summary>
    public string AuthorizeUrl => BaseUrl + "oauth/v2/authorize";

    public Uri ResponseUrl(string id) => new(BaseUrl + "response/" + id);

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The channels, threads and people behind conversations.replies, users.info, views.publish and chat.postMessage.</summary>
    public FakeSlackWorkspace Workspace { get; } = new();

    public static async Task<FakeSlackWebApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackWebApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/') + "/";
        return fake;
    }

    /// <summary>The next request to <paramref name="path"/> (e.g. "/api/chat.postMessage") is answered by <paramref name="respond"/>.</summary>
    public void Enqueue(string path, Func<HttpContext, Task> respond) =>
        _script.GetOrAdd(path, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(respond);

    public void EnqueueStatus(string path, int status, string? retryAfter = null, string body = "") => Enqueue(path, async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(body);
    });

    public void EnqueueJson(string path, string json) => Enqueue(path, async context =>
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json);
    });

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>Waits until at least <paramref name="count"/> requests to <paramref name="path"/> arrived.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(string path, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = RequestsTo(path);
            if (matching.Count >= count)
            {
                return matching;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Expected {count} requests to {path}, got {matching.Count}: {string.Join(", ", Requests.Select(r => r.Path))}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.Items["arrived"] = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? string.Empty;
        if (_script.TryGetValue(path, out var queue) && queue.TryDequeue(out var respond))
        {
            Record(context, path, body);
            await respond(context);
            return;
        }

        Record(context, path, body);
        if (path == "/oauth/v2/authorize")
        {
            var query = context.Request.Query;
            var code = $"fake-code-{Interlocked.Increment(ref _codes)}";
            context.Response.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
            return;
        }

        if (await Workspace.TryHandleAsync(context, path, body))
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        var ts = $"1700000000.{Interlocked.Increment(ref _ts):D6}";
        var json = path switch
        {
            "/api/auth.test" => """{"ok":true,"user_id":"UFAKEBOT","bot_id":"BFAKE"}""",
            _ when path.StartsWith("/response/", StringComparison.Ordinal) => """{"ok":true}""",
            _ => $$"""{"ok":true,"channel":"C0FAKE","ts":"{{ts}}"}""",
        };
        await context.Response.WriteAsync(json);
    }

    private void Record(HttpContext context, string path, string body)
    {
        JsonNode? json = null;
        try
        {
            json = body.Length > 0 ? JsonNode.Parse(body) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }

        _requests.Enqueue(new RecordedRequest(path, context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? string.Empty, body, json, (DateTimeOffset)context.Items["arrived"]!));
        _arrived.Release();
    }
}

/// <summary>One request the fake received.</summary>
public sealed record RecordedRequest(string Path, string Authorization, string ContentType, string Body, JsonNode? Json, DateTimeOffset At);
