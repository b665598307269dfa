using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Conversations;

/// <summary>The real host and a fake Slack, with events delivered one way or the other; the workspace is the same.</summary>
public abstract class ThreadTransport : IAsyncLifetime
{
    public const string Admin = "UADMIN";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-threads-" + Guid.NewGuid().ToString("N"));

    public PickBotApiFactory Host { get; private set; } = null!;

    public abstract FakeSlackWorkspace Workspace { get; }

    /// <summary>Delivers one event and waits for Slack's ack (HTTP 200, or the socket ack).</summary>
    public abstract Task SendAsync(string eventId, JsonObject inner);

    public abstract Task InitializeAsync();

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    /// <summary>Waits for <paramref name="count"/> calls to <paramref name="method"/> that match.</summary>
    public async Task<IReadOnlyList<WorkspaceCall>> WaitForAsync(string method, Func<WorkspaceCall, bool> match, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var calls = Workspace.CallsTo(method).Where(match).ToList();
            if (calls.Count >= count)
            {
                return calls;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} matching {method} calls, got {calls.Count}. Log:\n{Host.LogText}");
            }

            await Task.Delay(25);
        }
    }

    protected Dictionary<string, string?> Settings(string apiBaseUrl)
    {
        var settings = PickBotApiFactory.Settings(apiBaseUrl, _dataPath);
        settings["Slack:AdminUserIds:0"] = Admin;
        settings["Slack:FollowUpsWithoutMention"] = "true";
        return settings;
    }

    protected void Start(Dictionary<string, string?> settings) => Host = new PickBotApiFactory(settings);
}

/// <summary>Events posted, signed, to /slack/events.</summary>
public sealed class HttpThreadTransport : ThreadTransport
{
    private FakeSlackWebApi _slack = null!;
    private HttpClient _client = null!;

    public override FakeSlackWorkspace Workspace => _slack.Workspace;

    public override async Task InitializeAsync()
    {
        _slack = await FakeSlackWebApi.StartAsync();
        Start(Settings(_slack.ApiBaseUrl));
        _client = Host.CreateClient();
    }

    public override async Task SendAsync(string eventId, JsonObject inner)
    {
        var envelope = new JsonObject
        {
            ["token"] = "ignored",
            ["team_id"] = "T1",
            ["api_app_id"] = "A1",
            ["event"] = inner.DeepClone(),
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1700000000,
        };
        using var response = await _client.SendAsync(SlackRequests.Event(envelope.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public override async Task DisposeAsync()
    {
        _client.Dispose();
        await base.DisposeAsync();
        await _slack.DisposeAsync();
    }
}

/// <summary>Events pushed down a Socket Mode WebSocket.</summary>
public sealed class SocketThreadTransport : ThreadTransport
{
    private FakeSocketModeServer _slack = null!;
    private FakeSocket _socket = null!;
    private int _envelopes;

    public override FakeSlackWorkspace Workspace => _slack.Workspace;

    public override async Task InitializeAsync()
    {
        _slack = await FakeSocketModeServer.StartAsync();
        var settings = Settings(_slack.ApiBaseUrl);
        settings["Slack:Mode"] = "Socket";
        settings["Slack:AppToken"] = FakeSocketModeServer.AppToken;
        settings["Slack:SocketConnections"] = "1";
        Start(settings);
        _ = Host.Services;
        _socket = await _slack.WaitForSocketAsync(1);
    }

    public override async Task SendAsync(string eventId, JsonObject inner)
    {
        var envelopeId = "env-" + Interlocked.Increment(ref _envelopes);
        await _socket.SendAsync(SocketEnvelopes.Event(envelopeId, eventId, inner));
        await _socket.WaitForAckAsync(envelopeId);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _slack.DisposeAsync();
    }
}
