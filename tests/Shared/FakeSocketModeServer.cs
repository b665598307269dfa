using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
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
/// Slack's Socket Mode played by Kestrel on 127.0.0.1 (a free port): POST /api/apps.connections.open hands out
/// ws://127.0.0.1:port/link?ticket=N, and /link accepts the WebSocket, says hello, and records every ack. Other /api/
/// calls (chat.postMessage...) are recorded and answered ok, so one fake is the whole of Slack for a Socket Mode bot.
/// </summary>
public sealed class FakeSocketModeServer : IAsyncDisposable
{
    public const string AppToken = "xapp-1-A111-222-testapptoken";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _openScript = new();
    private readonly ConcurrentQueue<FakeSocket> _sockets = new();
    private readonly ConcurrentQueue<FakeApiCall> _calls = new();
    private readonly SemaphoreSlim _changed = new(0);
    private int _tickets;
    private int _openCalls;
    private int _ts;

    private FakeSocketModeServer(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>As Slack:ApiBaseUrl.</summary>
    public string ApiBaseUrl => BaseUrl + "api/";

    public int OpenCalls => Volatile.Read(ref _openCalls);

    /// <summary>When set, /link answers the WebSocket handshake with 403.</summary>
    public bool RefuseWebSockets { get; set; }

    public IReadOnlyList<FakeSocket> Sockets => _sockets.ToArray();

    /// <summary>Awaited (with the path) after a Web API call is recorded and before it is answered: lets a test keep the bot busy.</summary>
    public Func<string, Task>? HoldCall { get; set; }

    public IReadOnlyList<FakeApiCall> Calls => _calls.ToArray();

    /// <summary>The channels, threads and people behind conversations.replies, users.info, views.publish and chat.postMessage.</summary>
    public FakeSlackWorkspace Workspace { get; } = new();

    /// <summary>Calls to a Web API method ("chat.postMessage") or, starting with '/', to a path ("/response/1").</summary>
    public IReadOnlyList<FakeApiCall> CallsTo(string method)
    {
        var path = method.StartsWith('/') ? method : "/api/" + method;
        return Calls.Where(c => c.Path == path).ToList();
    }

    public static async Task<FakeSocketModeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSocketModeServer(app);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/') + "/";
        return fake;
    }

    /// <summary>The next apps.connections.open call gets this answer instead of a URL.</summary>
    public void EnqueueOpenAnswer(int status, string json, string? retryAfter = null) => _openScript.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json);
    });

    /// <summary>Waits for the <paramref name="count"/>-th WebSocket (1-based, in order of connection) to say hello.</summary>
    public async Task<FakeSocket> WaitForSocketAsync(int count, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => _sockets.Count >= count, timeout, () => $"expected {count} sockets, got {_sockets.Count} (apps.connections.open calls: {OpenCalls})");
        return _sockets.ElementAt(count - 1);
    }

    public async Task<IReadOnlyList<FakeApiCall>> WaitForCallsAsync(string method, int count, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => CallsTo(method).Count >= count, timeout, () => $"expected {count} calls to {method}, got {CallsTo(method).Count}");
        return CallsTo(method);
    }

    /// <summary>Polls <paramref name="condition"/> (woken by every socket, ack or call) until it holds or time runs out.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            var left = TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(describe?.Invoke() ?? "condition not met in time");
            }

            await _changed.WaitAsync(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
        }
    }

    internal void Changed() => _changed.Release();

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _changed.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path == "/link")
        {
            await AcceptSocketAsync(context);
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var authorization = context.Request.Headers.Authorization.ToString();
        if (path == "/api/apps.connections.open")
        {
            Interlocked.Increment(ref _openCalls);
            _calls.Enqueue(new FakeApiCall(path, authorization, body, null));
            Changed();
            if (_openScript.TryDequeue(out var scripted))
            {
                await scripted(context);
                return;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            if (authorization != "Bearer " + AppToken)
            {
                await context.Response.WriteAsync("""{"ok":false,"error":"invalid_auth"}""");
                return;
            }

            var ticket = Interlocked.Increment(ref _tickets);
            var url = BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "link?ticket=" + ticket;
            await context.Response.WriteAsync($$"""{"ok":true,"url":"{{url}}"}""");
            return;
        }

        JsonNode? json = null;
        try
        {
            json = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonNode.Parse(body) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }

        _calls.Enqueue(new FakeApiCall(path, authorization, body, json));
        Changed();
        if (HoldCall is { } hold)
        {
            await hold(path);
        }

        if (await Workspace.TryHandleAsync(context, path, body))
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        var ts = $"1700000000.{Interlocked.Increment(ref _ts):D6}";
        await context.Response.WriteAsync(path == "/api/auth.test"
            ? """{"ok":true,"user_id":"UFAKEBOT","bot_id":"BFAKE"}"""
            : $$"""{"ok":true,"channel":"C0FAKE","ts":"{{ts}}"}""");
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (RefuseWebSockets || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var ticket = int.TryParse(context.Request.Query["ticket"], out var t) ? t : 0;
        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var socket = new FakeSocket(ticket, webSocket, context, this);
        await socket.SendAsync($$$"""{"type":"hello","num_connections":{{{_sockets.Count + 1}}},"debug_info":{"host":"applink-fake","approximate_connection_time":3600},"connection_info":{"app_id":"A111"}}""");
        _sockets.Enqueue(socket);
        Changed();
        await socket.ReadUntilClosedAsync();
    }
}

/// <summary>One API call the fake received (other than the WebSocket).</summary>
public sealed record FakeApiCall(string Path, string Authorization, string Body, JsonNode? Json);

/// <summary>An ack the bot sent: the envelope id, the payload if any, and how long after the envelope was sent it came.</summary>
public sealed record FakeAck(string EnvelopeId, JsonNode? Payload, TimeSpan? Delay, int Ticket);

/// <summary>The server's end of one Socket Mode WebSocket.</summary>
public sealed class FakeSocket : IDisposable
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly FakeSocketModeServer _server;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _sentAt = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeAck> _acks = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeSocket(int ticket, WebSocket socket, HttpContext context, FakeSocketModeServer server)
    {
        Ticket = ticket;
        _socket = socket;
        _context = context;
        _server = server;
    }

    public int Ticket { get; }

    public void Dispose() => _sendLock.Dispose();

    public IReadOnlyList<FakeAck> Acks => _acks.ToArray();

    public Task Closed => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Who closed: "client" (the bot sent a close frame), "server", or "dropped".</summary>
    public string? ClosedBy { get; private set; }

    public async Task SendAsync(string json)
    {
        string? id = null;
        try
        {
            id = JsonNode.Parse(json)?["envelope_id"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            // Tests send garbage on purpose; it has no envelope to time.
        }

        if (id is not null)
        {
            _sentAt[id] = Stopwatch.GetTimestamp();
        }

        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendDisconnectAsync(string reason) =>
        SendAsync($$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"wss-fake"}}""");

    /// <summary>A polite close, as Slack does after a disconnect warning.</summary>
    public async Task CloseAsync()
    {
        ClosedBy ??= "server";
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refresh", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Already gone: nothing to close.
        }
        finally
        {
            _sendLock.Release();
        }

        await Task.WhenAny(_closed.Task, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    /// <summary>An abrupt drop: the TCP connection goes away without a close frame.</summary>
    public void Abort()
    {
        if (IsClosed)
        {
            return;
        }

        ClosedBy ??= "dropped";
        try
        {
            _context.Abort();
            _socket.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request ended meanwhile: the connection is gone already.
        }
    }

    public async Task<FakeAck> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null)
    {
        await _server.WaitUntilAsync(() => _acks.Any(a => a.EnvelopeId == envelopeId), timeout, () => $"no ack for {envelopeId} on socket {Ticket}");
        return _acks.First(a => a.EnvelopeId == envelopeId);
    }

    internal async Task ReadUntilClosedAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(buffer, _context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClosedBy ??= "client";
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }

                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var json = JsonNode.Parse(message.ToArray());
                message.SetLength(0);
                var id = json?["envelope_id"]?.GetValue<string>() ?? string.Empty;
                TimeSpan? delay = _sentAt.TryGetValue(id, out var sent) ? Stopwatch.GetElapsedTime(sent) : null;
                _acks.Enqueue(new FakeAck(id, json?["payload"]?.DeepClone(), delay, Ticket));
                _server.Changed();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            ClosedBy ??= "dropped";
        }
        finally
        {
            _closed.TrySetResult();
            _server.Changed();
        }
    }
}
