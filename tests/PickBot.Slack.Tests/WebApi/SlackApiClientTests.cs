using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PickBot.Slack.Blocks;
using PickBot.Slack.Tests.Support;
using PickBot.Slack.WebApi;
using PickBot.Testing;

namespace PickBot.Slack.Tests.WebApi;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private const string PostMessage = "/api/chat.postMessage";

    private FakeSlackWebApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackWebApi.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task PostMessageAsync_Success_SendsBearerTokenJsonWithCharsetAndThreadTs()
    {
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello", [new HeaderBlock(TextObject.Plain("Pick: X"))], "1700.0001"));

        Assert.True(result.Ok);
        Assert.Equal("C1", result.Channel);
        var request = Assert.Single(_slack.RequestsTo(PostMessage));
        Assert.Equal("Bearer xoxb-test-token", request.Authorization);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("C1", (string?)request.Json!["channel"]);
        Assert.Equal("1700.0001", (string?)request.Json["thread_ts"]);
        Assert.Equal("header", (string?)request.Json["blocks"]![0]!["type"]);
        Assert.Equal("Pick: X", (string?)request.Json["blocks"]![0]!["text"]!["text"]);
        Assert.Null(request.Json["token"]);
    }

    [Fact]
    public async Task PostMessageAsync_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        _slack.EnqueueStatus(PostMessage, 429, retryAfter: "1", body: """{"ok":false,"error":"ratelimited"}""");
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));

        Assert.True(result.Ok);
        var attempts = _slack.RequestsTo(PostMessage);
        Assert.Equal(2, attempts.Count);
        // The backoff alone would wait ~10 ms; only Retry-After explains a gap near a second between the attempts.
        var gap = attempts[1].At - attempts[0].At;
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"retried after only {gap}");
    }

    [Fact]
    public async Task PostMessageAsync_ManyFailures_CircuitOpeningLoggedAsErrorByPickBot()
    {
        for (var i = 0; i < 25; i++)
        {
            _slack.EnqueueStatus(PostMessage, 500);
        }

        var logs = new ListLoggerProvider();
        await using var services = SlackServices.Create(_slack.ApiBaseUrl, new Dictionary<string, string?> { ["Slack:RetryMaxAttempts"] = "0" }, s => s.AddSingleton<ILoggerProvider>(logs));

        for (var i = 0; i < 25; i++)
        {
            await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));
        }

        // PickBot's own category: appsettings.json keeps Polly's telemetry at Warning, so this must not depend on it.
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Category == typeof(SlackApiClient).FullName && l.Message.Contains("circuit open", StringComparison.Ordinal));
        Assert.True(_slack.RequestsTo(PostMessage).Count < 25, "the open circuit should have stopped some calls");
    }

    [Fact]
    public async Task PostMessageAsync_500Twice_RetriesAndSucceeds()
    {
        _slack.EnqueueStatus(PostMessage, 500);
        _slack.EnqueueStatus(PostMessage, 503);
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));

        Assert.True(result.Ok);
        Assert.Equal(3, _slack.RequestsTo(PostMessage).Count);
    }

    [Fact]
    public async Task PostMessageAsync_500Always_GivesUpAfterMaxAttemptsWithFailure()
    {
        for (var i = 0; i < 10; i++)
        {
            _slack.EnqueueStatus(PostMessage, 500);
        }

        await using var services = SlackServices.Create(_slack.ApiBaseUrl, new Dictionary<string, string?> { ["Slack:RetryMaxAttempts"] = "2" });

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));

        Assert.False(result.Ok);
        Assert.Equal("http_500", result.Error);
        Assert.Equal(3, _slack.RequestsTo(PostMessage).Count);
    }

    [Theory]
    [InlineData("ratelimited")]
    [InlineData("internal_error")]
    [InlineData("fatal_error")]
    [InlineData("service_unavailable")]
    [InlineData("request_timeout")]
    public async Task PostMessageAsync_TransientOkFalse_Retries(string error)
    {
        _slack.EnqueueJson(PostMessage, $$"""{"ok":false,"error":"{{error}}"}""");
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));

        Assert.True(result.Ok);
        Assert.Equal(2, _slack.RequestsTo(PostMessage).Count);
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("invalid_blocks")]
    [InlineData("not_authed")]
    public async Task PostMessageAsync_PermanentOkFalse_DoesNotRetryAndReportsError(string error)
    {
        _slack.EnqueueJson(PostMessage, $$"""{"ok":false,"error":"{{error}}"}""");
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));

        Assert.False(result.Ok);
        Assert.Equal(error, result.Error);
        Assert.Single(_slack.RequestsTo(PostMessage));
    }

    [Fact]
    public async Task PostMessageAsync_AttemptTimesOut_ReportsTimeoutWithoutPostingAgain()
    {
        // Slack may have posted a message whose reply timed out: a blind retry would answer twice. The intake journal
        // checks with conversations.replies before the next attempt instead.
        _slack.Enqueue(PostMessage, async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
        });
        await using var services = SlackServices.Create(_slack.ApiBaseUrl, new Dictionary<string, string?> { ["Slack:AttemptTimeout"] = "00:00:00.300" });

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));

        Assert.False(result.Ok);
        Assert.Equal("timeout", result.Error);
        Assert.Single(_slack.RequestsTo(PostMessage));
    }

    [Fact]
    public async Task UpdateAsync_AttemptTimesOut_RetriesAndSucceeds()
    {
        _slack.Enqueue("/api/chat.update", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
        });
        await using var services = SlackServices.Create(_slack.ApiBaseUrl, new Dictionary<string, string?> { ["Slack:AttemptTimeout"] = "00:00:00.300" });

        var result = await services.Client().UpdateAsync(new ChatUpdate("C1", "1.000001", "hello"));

        Assert.True(result.Ok);
        Assert.Equal(2, _slack.RequestsTo("/api/chat.update").Count);
    }

    [Fact]
    public async Task PostMessageAsync_NoBotToken_SendsNothingAndReportsIt()
    {
        await using var services = SlackServices.Create(_slack.ApiBaseUrl, new Dictionary<string, string?> { ["Slack:BotToken"] = "" });

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));

        Assert.False(result.Ok);
        Assert.Equal("no_bot_token", result.Error);
        Assert.Empty(_slack.Requests);
    }

    [Fact]
    public async Task PostEphemeralAsync_SendsUserAndChannel()
    {
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().PostEphemeralAsync(new ChatPostEphemeral("C1", "U1", "only you"));

        Assert.True(result.Ok);
        var request = Assert.Single(_slack.RequestsTo("/api/chat.postEphemeral"));
        Assert.Equal("U1", (string?)request.Json!["user"]);
        Assert.Equal("Bearer xoxb-test-token", request.Authorization);
    }

    [Fact]
    public async Task UpdateAsync_SendsTs()
    {
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().UpdateAsync(new ChatUpdate("C1", "1700.1", "changed"));

        Assert.True(result.Ok);
        Assert.Equal("1700.1", (string?)Assert.Single(_slack.RequestsTo("/api/chat.update")).Json!["ts"]);
    }

    [Fact]
    public async Task RespondAsync_PostsToResponseUrlWithoutToken()
    {
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().RespondAsync(_slack.ResponseUrl("abc"), new ResponseMessage("thanks"));

        Assert.True(result.Ok);
        var request = Assert.Single(_slack.RequestsTo("/response/abc"));
        Assert.Equal(string.Empty, request.Authorization);
        Assert.Equal("ephemeral", (string?)request.Json!["response_type"]);
        Assert.False((bool)request.Json["replace_original"]!);
    }

    [Fact]
    public async Task RespondAsync_PlainOkBody_CountsAsDelivered()
    {
        _slack.EnqueueStatus("/response/plain", 200, body: "ok");
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().RespondAsync(_slack.ResponseUrl("plain"), new ResponseMessage("thanks"));

        Assert.True(result.Ok);
    }

    [Fact]
    public async Task AuthTestAsync_ReturnsBotUserId()
    {
        await using var services = SlackServices.Create(_slack.ApiBaseUrl);

        var result = await services.Client().AuthTestAsync();

        Assert.Equal("UFAKEBOT", result.UserId);
    }

    [Fact]
    public async Task RespondAsync_FailingResponseUrlsOpenTheirOwnCircuit_PostMessageStillGoesThrough()
    {
        await using var hooks = await FakeSlackWebApi.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            hooks.EnqueueStatus("/response/expired", 500);
        }

        var logs = new ListLoggerProvider();
        await using var services = SlackServices.Create(_slack.ApiBaseUrl, new Dictionary<string, string?> { ["Slack:RetryMaxAttempts"] = "0" }, s => s.AddSingleton<ILoggerProvider>(logs));
        var client = services.Client();

        var replies = new List<SlackApiResult>();
        for (var i = 0; i < 30; i++)
        {
            replies.Add(await client.RespondAsync(hooks.ResponseUrl("expired"), new ResponseMessage("thanks")));
        }

        var posted = await client.PostMessageAsync(new ChatPostMessage("C1", "the answer"));

        Assert.Contains(replies, r => r.Error == "circuit_open");
        Assert.True(posted.Ok, posted.Error);
        Assert.Single(_slack.RequestsTo(PostMessage));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains($"response_url {new Uri(hooks.BaseUrl).Authority} circuit open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostMessageAsync_SlackUnreachable_OneWarningPerAttemptWithReasonAndDelayNoStackTrace()
    {
        var port = FreePort();
        var logs = new ListLoggerProvider();
        await using var services = SlackServices.Create($"http://127.0.0.1:{port}/api/", new Dictionary<string, string?> { ["Slack:RetryMaxAttempts"] = "2" }, s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));

        var result = await services.Client().PostMessageAsync(new ChatPostMessage("C1", "hello"));

        Assert.False(result.Ok);
        var lines = logs.Lines.Where(l => l.Level is >= LogLevel.Warning and < LogLevel.None).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Empty(logs.Exceptions.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Category} {e.Level}"));
        Assert.All(lines, l => Assert.DoesNotContain("(null)", l.Message, StringComparison.Ordinal));
        Assert.Contains("Slack chat.postMessage attempt 1 of 3 failed (ConnectionError:", lines[0].Message, StringComparison.Ordinal);
        Assert.Matches(@"next attempt in \d+ ms", lines[0].Message);
        Assert.Contains("attempt 2 of 3", lines[1].Message, StringComparison.Ordinal);
        Assert.Contains("chat.postMessage could not be sent after retries (ConnectionError:", lines[2].Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
