using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.SocketMode;
using PickBot.Testing;

namespace PickBot.Slack.Tests.SocketMode;

public sealed class SocketModeClientTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(3);

    private readonly RecordingDispatcher _dispatcher = new();
    private readonly SocketModeStatus _status = new();
    private readonly ListLogger<SocketModeClient> _logger = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new();
    private FakeSocketModeServer _slack = null!;
    private Task _running = Task.CompletedTask;
    private string? _unreachable;

    public async Task InitializeAsync() => _slack = await FakeSocketModeServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(20));
        await _slack.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_TwoConnections_OpensEachWithTheAppTokenAndReportsThemConnected()
    {
        Start(connections: 2);

        await _slack.WaitForSocketAsync(2);
        await _slack.WaitUntilAsync(() => _status.Connected == 2, describe: () => $"connected {_status.Connected}");

        Assert.Equal(2, _slack.OpenCalls);
        Assert.All(_slack.CallsTo("apps.connections.open"), c => Assert.Equal("Bearer " + FakeSocketModeServer.AppToken, c.Authorization));
        Assert.DoesNotContain(_logger.Lines, l => l.Message.Contains(FakeSocketModeServer.AppToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_EventsEnvelope_AckedBeforeTheWorkThenHandedOverOnce()
    {
        Start();
        var socket = await _slack.WaitForSocketAsync(1);

        // The work waits for the server to hold the ack: a client that acked after the work would never get here.
        _dispatcher.BeforeHandle = e => socket.WaitForAckAsync(e.EnvelopeId!);
        await socket.SendAsync(SocketEnvelopes.AppMention("env-1", "Ev1", "<@UPICKBOT> mtl vs stl"));

        var ack = await socket.WaitForAckAsync("env-1");
        await _slack.WaitUntilAsync(() => _dispatcher.Handled.Count == 1);
        Assert.Null(ack.Payload);
        Assert.True(ack.Delay < AckDeadline, $"ack took {ack.Delay}");
        var handled = Assert.Single(_dispatcher.Handled);
        Assert.Equal(SocketModeEnvelope.EventsApi, handled.Type);
        Assert.Equal("Ev1", handled.Payload.GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task RunAsync_EnvelopeRefused_NotAckedNotHandedOverAndTheRedeliveryIsAcked()
    {
        Start();
        var socket = await _slack.WaitForSocketAsync(1);
        _dispatcher.Refuse = e => e.EnvelopeId == "env-full";

        await socket.SendAsync(SocketEnvelopes.AppMention("env-full", "EvFull", "<@UPICKBOT> mtl vs stl"));
        await _slack.WaitUntilAsync(
            () => _logger.Lines.Any(l => l.Message.Contains("envelope env-full left unacked", StringComparison.Ordinal)),
            describe: () => "the refused envelope was not reported as left unacked");
        await socket.SendAsync(SocketEnvelopes.AppMention("env-retry", "EvFull", "<@UPICKBOT> mtl vs stl", retryAttempt: 1));
        await socket.WaitForAckAsync("env-retry");
        await _slack.WaitUntilAsync(() => _dispatcher.Handled.Count == 1);

        Assert.DoesNotContain(socket.Acks, a => a.EnvelopeId == "env-full");
        Assert.Equal("env-retry", Assert.Single(_dispatcher.Handled).EnvelopeId);
        Assert.Equal(["env-full", "env-retry"], _dispatcher.Decided.Select(e => e.EnvelopeId));
    }

    [Fact]
    public async Task RunAsync_SlashCommandEnvelope_AckCarriesTheAnswerAsPayload()
    {
        Start();
        var socket = await _slack.WaitForSocketAsync(1);

        await socket.SendAsync(SocketEnvelopes.SlashCommand("env-cmd", "mtl vs stl"));

        var ack = await socket.WaitForAckAsync("env-cmd");
        Assert.Equal("answer to mtl vs stl", ack.Payload?["text"]?.GetValue<string>());
        Assert.True(ack.Delay < AckDeadline, $"ack took {ack.Delay}");
    }

    [Fact]
    public async Task RunAsync_MalformedMessage_IgnoredAndTheConnectionKeepsWorking()
    {
        Start();
        var socket = await _slack.WaitForSocketAsync(1);

        await socket.SendAsync("this is not json");
        await socket.SendAsync("""{"no_type":true}""");
        await socket.SendAsync(SocketEnvelopes.AppMention("env-2", "Ev2", "hi"));

        await socket.WaitForAckAsync("env-2");
        Assert.False(socket.IsClosed);
        Assert.Contains(_logger.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("malformed JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DisconnectWarningThenClose_ReplacementOpensFirstAndNothingIsLost()
    {
        Start(connections: 1);
        var first = await _slack.WaitForSocketAsync(1);

        await first.SendDisconnectAsync("warning");
        var second = await _slack.WaitForSocketAsync(2);

        // Both are open: Slack may still deliver on the old one until it closes it.
        Assert.False(first.IsClosed);
        await first.SendAsync(SocketEnvelopes.AppMention("env-old", "EvOld", "late on the old socket"));
        await first.WaitForAckAsync("env-old");
        await first.CloseAsync();
        await second.SendAsync(SocketEnvelopes.AppMention("env-new", "EvNew", "on the new socket"));
        await second.WaitForAckAsync("env-new");

        await _slack.WaitUntilAsync(() => _dispatcher.Handled.Count == 2);
        Assert.Equal(["env-new", "env-old"], _dispatcher.Handled.Select(e => e.EnvelopeId).Order());
        await _slack.WaitUntilAsync(() => _status.Connected == 1, describe: () => $"connected {_status.Connected}");
        Assert.Equal(2, _slack.OpenCalls);
        Assert.Contains(_logger.Lines, l => l.Message.Contains("asked to disconnect (warning)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RefreshRequested_NoGapWithoutAConnectedSocket()
    {
        Start(connections: 1);
        var first = await _slack.WaitForSocketAsync(1);

        // The fake has the socket before the client has read its hello: watch from when the client counts it.
        await _slack.WaitUntilAsync(() => _status.Connected == 1, describe: () => $"connected {_status.Connected}");
        var lowest = int.MaxValue;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                lowest = Math.Min(lowest, _status.Connected);
                await Task.Delay(1);
            }
        });

        await first.SendDisconnectAsync("refresh_requested");
        await _slack.WaitForSocketAsync(2);
        await _slack.WaitUntilAsync(() => _status.Connected == 2);
        await first.CloseAsync();
        await _slack.WaitUntilAsync(() => _status.Connected == 1);
        await watching.CancelAsync();
        await watcher;

        Assert.Equal(1, lowest);
    }

    [Fact]
    public async Task RunAsync_AbruptDrop_ReconnectsAndKeepsDelivering()
    {
        Start(connections: 1);
        var first = await _slack.WaitForSocketAsync(1);

        first.Abort();
        var second = await _slack.WaitForSocketAsync(2);
        await second.SendAsync(SocketEnvelopes.AppMention("env-after", "EvAfter", "after the drop"));

        await second.WaitForAckAsync("env-after");
        await _slack.WaitUntilAsync(() => _dispatcher.Handled.Count == 1);
        // The drop is logged on the reading side, which may finish after the replacement already delivered. On a
        // starved machine the socket Slack saw first may not be attempt 1 (an earlier attempt can time out), so any
        // socket's report of the drop counts.
        await _slack.WaitUntilAsync(() => _logger.Lines.Any(l => l.Message.Contains(": dropped", StringComparison.Ordinal)
            || l.Message.Contains(": closed before hello", StringComparison.Ordinal)
            || l.Message.Contains(": disconnected", StringComparison.Ordinal)
            || l.Message.Contains("reconnecting", StringComparison.Ordinal)
            || l.Message.Contains("retrying in", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_InvalidAuth_StopsLoudlyWithoutRetrying()
    {
        _slack.EnqueueOpenAnswer(200, """{"ok":false,"error":"invalid_auth"}""");
        Start(connections: 1);

        await _running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, _slack.OpenCalls);
        Assert.Contains("invalid_auth", _status.StoppedReason, StringComparison.Ordinal);
        Assert.Contains(_logger.Lines, l => l.Level == LogLevel.Critical && l.Message.Contains("invalid_auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LinkDisabled_StopsWithoutReconnecting()
    {
        Start(connections: 1);
        var socket = await _slack.WaitForSocketAsync(1);

        await socket.SendDisconnectAsync("link_disabled");
        await socket.CloseAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, _slack.OpenCalls);
        Assert.Contains("link_disabled", _status.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(0, _status.Connected);
    }

    [Fact]
    public async Task RunAsync_ConnectionsOpenFailsTwice_RetriesAndConnects()
    {
        _slack.EnqueueOpenAnswer(500, "oops");
        _slack.EnqueueOpenAnswer(200, """{"ok":false,"error":"internal_error"}""");
        Start(connections: 1);

        await _slack.WaitForSocketAsync(1);

        Assert.Equal(3, _slack.OpenCalls);
        Assert.Contains(_logger.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("internal_error", StringComparison.Ordinal) && l.Message.Contains("retrying in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SlackUnreachable_OneWarningPerAttemptWithItsBackoff()
    {
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            _unreachable = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/api/";
        }

        Start(connections: 1, baseDelayMs: 100, maxDelayMs: 400);

        await _slack.WaitUntilAsync(() => _logger.Lines.Count(l => l.Level == LogLevel.Warning) >= 4, describe: () => string.Join("\n", _logger.Lines));

        var lines = _logger.Lines.Where(l => l.Level >= LogLevel.Information).ToList();
        var failures = lines.Where(l => l.Level == LogLevel.Warning).ToList();
        Assert.Single(lines, l => l.Level == LogLevel.Information);
        Assert.Equal(lines.Count - 1, failures.Count);
        for (var i = 0; i < failures.Count; i++)
        {
            Assert.Contains("apps.connections.open failed: apps.connections.open unreachable", failures[i].Message, StringComparison.Ordinal);
            Assert.Matches($@"failed attempt {i + 1} in a row, retrying in \d+\.\d s", failures[i].Message);
        }
    }

    [Fact]
    public async Task RunAsync_HandshakeRefused_BacksOffInsteadOfLooping()
    {
        _slack.RefuseWebSockets = true;
        Start(connections: 1, baseDelayMs: 100, maxDelayMs: 400);

        await _slack.WaitUntilAsync(() => _slack.OpenCalls >= 3);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var calls = _slack.OpenCalls;
        _slack.RefuseWebSockets = false;
        await _slack.WaitForSocketAsync(1);

        // Backoff of 100 → 200 → 400 ms (capped) allows a handful of attempts in that time; a busy loop makes hundreds.
        Assert.InRange(calls, 3, 12);
    }

    private void Start(int connections = 1, int baseDelayMs = 20, int maxDelayMs = 200)
    {
        var options = Options.Create(new SocketModeOptions
        {
            Mode = SlackMode.Socket,
            AppToken = FakeSocketModeServer.AppToken,
            ApiBaseUrl = _unreachable ?? _slack.ApiBaseUrl,
            SocketConnections = connections,
            SocketStagger = TimeSpan.FromMilliseconds(50),
            SocketReconnectBaseDelay = TimeSpan.FromMilliseconds(baseDelayMs),
            SocketReconnectMaxDelay = TimeSpan.FromMilliseconds(maxDelayMs),
            SocketConnectTimeout = TimeSpan.FromSeconds(5),
            SocketDrainTimeout = TimeSpan.FromSeconds(10),
        });
        var client = new SocketModeClient(new ConnectionsOpenClient(_http, options), _dispatcher, _status, options, TimeProvider.System, _logger);
        _running = client.RunAsync(_stop.Token);
    }
}
