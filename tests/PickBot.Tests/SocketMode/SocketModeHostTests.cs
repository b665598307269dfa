using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Slack.Formatting;
using PickBot.Slack.Installations;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.SocketMode;

/// <summary>
/// The real host in Socket Mode against a fake Slack on loopback (apps.connections.open, the WebSocket link and the Web
/// API in one Kestrel): the same answers and the same dedupe as HTTP, through acks on the socket.
/// </summary>
public sealed class SocketModeHostTests : IAsyncLifetime
{
    private static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(3);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-socket-" + Guid.NewGuid().ToString("N"));
    private FakeSocketModeServer _slack = null!;
    private PickBotApiFactory? Host { get; set; }

    private HttpClient? Client { get; set; }

    public async Task InitializeAsync()
    {
        _slack = await FakeSocketModeServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    [Fact]
    public async Task SocketMode_SameEventOnTwoSockets_AckedTwiceAnsweredOnce()
    {
        StartHost();
        var first = await _slack.WaitForSocketAsync(1);
        var second = await _slack.WaitForSocketAsync(2);

        await first.SendAsync(SocketEnvelopes.AppMention("env-a", "EvDup", "<@UPICKBOT> mtl vs stl for a spam filter", channel: "CDUP"));
        await second.SendAsync(SocketEnvelopes.AppMention("env-b", "EvDup", "<@UPICKBOT> mtl vs stl for a spam filter", channel: "CDUP", retryAttempt: 1));

        var acks = new[] { await first.WaitForAckAsync("env-a"), await second.WaitForAckAsync("env-b") };
        Assert.All(acks, a => Assert.True(a.Delay < AckDeadline, $"ack took {a.Delay}"));
        await _slack.WaitUntilAsync(() => Host!.LogText.Contains("Event EvDup already accepted", StringComparison.Ordinal), describe: () => "no duplicate log line");
        var posts = await _slack.WaitForCallsAsync("chat.postMessage", 1);
        await Task.Delay(200);
        var post = Assert.Single(_slack.CallsTo("chat.postMessage"), p => p.Json?["channel"]?.GetValue<string>() == "CDUP");
        Assert.Equal("Bearer " + PickBotApiFactory.BotToken, post.Authorization);
        Assert.NotNull(post.Json?["thread_ts"]);
        Assert.Single(posts);
    }

    [Fact]
    public async Task SocketMode_OneAppTokenEventsFromTwoInstalledTeams_EachAnsweredWithItsOwnToken()
    {
        StartHost(connections: 1, extra: new()
        {
            ["Slack:BotToken"] = null,
            ["Slack:BotUserId"] = null,
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "test-client-secret",
            ["Slack:RedirectUrl"] = "https://pickbot.example.com/slack/oauth_redirect",
            ["Slack:ManifestPath"] = Path.Combine(Repository.Root, "slack", "manifest.yml"),
        });
        var socket = await _slack.WaitForSocketAsync(1);
        var installations = Host!.Services.GetRequiredService<SlackInstallations>();
        foreach (var team in new[] { "TSOCKA", "TSOCKB" })
        {
            await installations.SaveAsync(new SlackInstallation(team, team, null, null, false, "A111", "UBOT" + team, "xoxb-" + team, ["chat:write"], "UADMIN", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        }

        await socket.SendAsync(SocketEnvelopes.AppMention("env-ta", "EvTeamA", "<@UBOTTSOCKA> mtl vs stl for a spam filter", channel: "CSOCKA", team: "TSOCKA"));
        await socket.SendAsync(SocketEnvelopes.AppMention("env-tb", "EvTeamB", "<@UBOTTSOCKB> mtl vs stl for a spam filter", channel: "CSOCKB", team: "TSOCKB"));

        await socket.WaitForAckAsync("env-ta");
        await socket.WaitForAckAsync("env-tb");
        await _slack.WaitForCallsAsync("chat.postMessage", 2);
        var posts = _slack.CallsTo("chat.postMessage").ToDictionary(p => p.Json!["channel"]!.GetValue<string>(), p => p.Authorization);
        Assert.Equal("Bearer xoxb-TSOCKA", posts["CSOCKA"]);
        Assert.Equal("Bearer xoxb-TSOCKB", posts["CSOCKB"]);
        Assert.Equal("Bearer " + FakeSocketModeServer.AppToken, _slack.Calls.First(c => c.Path.EndsWith("apps.connections.open", StringComparison.Ordinal)).Authorization);
    }

    [Fact]
    public async Task SocketMode_QueueStaysFull_EventLeftUnackedAndTheRedeliveryAnswered()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        _slack.HoldCall = path => path.EndsWith("chat.postMessage", StringComparison.Ordinal) && Interlocked.Exchange(ref held, 1) == 0 ? release.Task : Task.CompletedTask;
        StartHost(connections: 1, extra: new() { ["Slack:MentionQueueCapacity"] = "1", ["Slack:MentionWorkers"] = "1", ["Slack:EnqueueWait"] = "00:00:00.100" });
        var socket = await _slack.WaitForSocketAsync(1);
        await socket.SendAsync(Mention("env-busy", "EvBusy", "CBUSY"));
        await socket.WaitForAckAsync("env-busy");
        await _slack.WaitForCallsAsync("chat.postMessage", 1);
        await socket.SendAsync(Mention("env-queued", "EvQueued", "CQUEUED"));
        await socket.WaitForAckAsync("env-queued");

        await socket.SendAsync(Mention("env-full", "EvFull", "CFULL"));
        await _slack.WaitUntilAsync(() => Host!.LogText.Contains("event EvFull in channel CFULL not accepted", StringComparison.Ordinal), describe: () => "no refusal logged");
        release.SetResult();
        await _slack.WaitForCallsAsync("chat.postMessage", 2);
        await socket.SendAsync(Mention("env-full-again", "EvFull", "CFULL", retryAttempt: 1));
        await socket.WaitForAckAsync("env-full-again");
        var posts = await _slack.WaitForCallsAsync("chat.postMessage", 3);

        Assert.DoesNotContain(socket.Acks, a => a.EnvelopeId == "env-full");
        Assert.Single(posts, p => p.Json?["channel"]?.GetValue<string>() == "CFULL");
        Assert.Contains("Slack will retry it", Host!.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocketMode_SlashCommand_AckPayloadIsTheAnswer()
    {
        StartHost();
        var socket = await _slack.WaitForSocketAsync(1);

        await socket.SendAsync(SocketEnvelopes.SlashCommand("env-cmd", "mtl vs stl for a spam filter"));

        var ack = await socket.WaitForAckAsync("env-cmd");
        Assert.True(ack.Delay < AckDeadline, $"ack took {ack.Delay}");
        Assert.Equal("in_channel", ack.Payload?["response_type"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(ack.Payload?["text"]?.GetValue<string>()));
        Assert.IsType<JsonArray>(ack.Payload?["blocks"]);
    }

    [Fact]
    public async Task SocketMode_WarningCloseAndDrops_EveryEventAnsweredExactlyOnce()
    {
        StartHost(connections: 1);
        var s1 = await _slack.WaitForSocketAsync(1);
        await s1.SendAsync(Mention("env-1", "Ev1", "C1"));
        await s1.SendDisconnectAsync("warning");
        var s2 = await _slack.WaitForSocketAsync(2);
        await s1.SendAsync(Mention("env-2", "Ev2", "C2"));
        await s1.WaitForAckAsync("env-2");
        await s1.CloseAsync();
        await s2.SendAsync(Mention("env-3", "Ev3", "C3"));
        await s2.WaitForAckAsync("env-3");
        s2.Abort();
        var s3 = await _slack.WaitForSocketAsync(3);

        // Slack redelivers Ev3 after the drop (as if its ack had been lost): acked, not answered again.
        await s3.SendAsync(Mention("env-3-retry", "Ev3", "C3", retryAttempt: 1));
        await s3.SendAsync(Mention("env-4", "Ev4", "C4"));
        await s3.WaitForAckAsync("env-3-retry");
        await s3.WaitForAckAsync("env-4");

        await _slack.WaitForCallsAsync("chat.postMessage", 4);
        await _slack.WaitUntilAsync(() => Host!.LogText.Contains("Event Ev3 already accepted", StringComparison.Ordinal));
        await Task.Delay(200);
        var channels = _slack.CallsTo("chat.postMessage").Select(p => p.Json?["channel"]?.GetValue<string>()).Order().ToList();
        Assert.Equal(["C1", "C2", "C3", "C4"], channels);
        Assert.All(_slack.Sockets.SelectMany(s => s.Acks), a => Assert.True(a.Delay < AckDeadline, $"ack {a.EnvelopeId} took {a.Delay}"));
        Assert.Equal(5, _slack.Sockets.SelectMany(s => s.Acks).Count());
    }

    [Fact]
    public async Task SocketMode_VoteClickDeliveredTwice_StoredOnceAndThanked()
    {
        StartHost();
        var socket = await _slack.WaitForSocketAsync(1);
        var reference = new AnswerReference("mtl vs stl for a spam filter", "multi-task-vs-single-task-learning", "single-task-learning").Encode();
        var click = VoteClick(reference, "CVOTE");

        await socket.SendAsync(SocketEnvelopes.Interactive("env-v1", click));
        await socket.SendAsync(SocketEnvelopes.Interactive("env-v2", click));
        await socket.WaitForAckAsync("env-v1");
        await socket.WaitForAckAsync("env-v2");

        var store = Host!.Services.GetRequiredService<IFeedbackStore>();
        var votes = await Eventually.FindAsync(async () =>
        {
            var inChannel = (await store.VotesAsync()).Where(v => v.ChannelId == "CVOTE").ToList();
            return inChannel.Count > 0 ? inChannel : null;
        });
        await _slack.WaitForCallsAsync("/response/vote", 1);
        await Task.Delay(200);
        var vote = Assert.Single(await store.VotesAsync(), v => v.ChannelId == "CVOTE");
        Assert.True(vote.Helpful);
        Assert.Equal("single-task-learning", vote.PickId);
        Assert.Single(votes);
    }

    [Fact]
    public async Task Healthz_SocketConnected_Ready()
    {
        StartHost();
        await _slack.WaitForSocketAsync(1);

        var health = await Eventually.FindAsync(async () =>
        {
            using var response = await Client!.GetAsync(new Uri("/healthz", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
        });

        Assert.Contains("\"connected\":", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_AppTokenRefused_NotReadyWithTheReason()
    {
        _slack.EnqueueOpenAnswer(200, """{"ok":false,"error":"invalid_auth"}""");
        StartHost(connections: 1);

        var body = await Eventually.FindAsync(async () =>
        {
            using var response = await Client!.GetAsync(new Uri("/healthz", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.ServiceUnavailable && text.Contains("invalid_auth", StringComparison.Ordinal) ? text : null;
        });

        Assert.Contains("Socket Mode stopped", body, StringComparison.Ordinal);
        Assert.Equal(1, _slack.OpenCalls);
        Assert.Contains("Slack Socket Mode STOPPED", Host!.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocketOnlyMode_NoSigningSecret_StartUpLogDoesNotAskForIt()
    {
        StartHost(connections: 1, extra: new() { ["Slack:SigningSecret"] = null });
        await _slack.WaitForSocketAsync(1);

        await _slack.WaitUntilAsync(() => Host!.LogText.Contains("Slack__SigningSecret is not needed", StringComparison.Ordinal), describe: () => Host!.LogText);
        Assert.DoesNotContain("set the environment variable Slack__SigningSecret", Host!.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocketOnlyMode_HttpEventsEndpoint_NotServed()
    {
        StartHost(connections: 1);

        using var response = await Client!.SendAsync(SlackRequests.WithSignature("/slack/events", "{}", "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task BothMode_HttpEventAndSocketEvent_BothAnswered()
    {
        StartHost(connections: 1, mode: "Both");
        var socket = await _slack.WaitForSocketAsync(1);

        using var http = await Client!.SendAsync(SlackRequests.Event(SlackRequests.Mention("EvHttp", "<@UPICKBOT> mtl vs stl", "1700000000.000700", channel: "CHTTP")));
        await socket.SendAsync(Mention("env-both", "EvSock", "CSOCK"));

        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        await socket.WaitForAckAsync("env-both");
        var posts = await _slack.WaitForCallsAsync("chat.postMessage", 2);
        Assert.Equal(["CHTTP", "CSOCK"], posts.Select(p => p.Json?["channel"]?.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Start_SocketModeWithoutAppToken_FailsNamingTheVariable()
    {
        var settings = PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath);
        settings["Slack:Mode"] = "Socket";
        string[] args = ["--urls=http://127.0.0.1:0", .. settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")];

        // The host's builder directly: through the entry point (as WebApplicationFactory starts it) a bad setting is
        // printed as one line and the process exits 1 (StartupProblemTests), so no exception reaches a factory.
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = PickBot.Hosting.ServeCommand.Build(args);
            await app.StartAsync();
        });

        Assert.Contains("Slack__AppToken", error.ToString(), StringComparison.Ordinal);
    }

    private JsonObject VoteClick(string reference, string channel) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "UVOTER", ["username"] = "ada", ["team_id"] = "T0TEAM" },
        ["api_app_id"] = "A111",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = channel, ["is_ephemeral"] = false },
        ["trigger_id"] = "1.2.3",
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "general" },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000100", ["text"] = "Pick: ..." },
        ["response_url"] = _slack.BaseUrl + "response/vote",
        ["actions"] = new JsonArray(new JsonObject { ["action_id"] = ActionIds.Helpful, ["block_id"] = "b1", ["value"] = reference, ["type"] = "button", ["action_ts"] = "1700000100.123456" }),
    };

    private static string Mention(string envelopeId, string eventId, string channel, int retryAttempt = 0) =>
        SocketEnvelopes.AppMention(envelopeId, eventId, "<@UPICKBOT> mtl vs stl", channel: channel, retryAttempt: retryAttempt);

    private void StartHost(int connections = 2, string mode = "Socket", Dictionary<string, string?>? extra = null)
    {
        var settings = PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath);
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        settings["Slack:Mode"] = mode;
        settings["Slack:AppToken"] = FakeSocketModeServer.AppToken;
        settings["Slack:SocketConnections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Slack:SocketStagger"] = "00:00:00.050";
        settings["Slack:SocketReconnectBaseDelay"] = "00:00:00.020";
        settings["Slack:SocketReconnectMaxDelay"] = "00:00:00.200";
        Host = new PickBotApiFactory(settings);
        Client = Host.CreateClient();
    }
}
