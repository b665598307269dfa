using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PickBot.Hosting;
using PickBot.Slack.Events;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

public sealed class SlackStartupTests : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-tests-" + Guid.NewGuid().ToString("N"));
    private FakeSlackWebApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackWebApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    [Theory]
    [InlineData("Slack:CommandResponseType", "loud")]
    [InlineData("Slack:ApiBaseUrl", "not a url")]
    [InlineData("Slack:MentionQueueCapacity", "0")]
    [InlineData("Slack:EnqueueWait", "00:00:05")]
    public async Task Start_InvalidSlackOption_FailsNamingTheSetting(string key, string value)
    {
        var settings = PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath);
        settings[key] = value;

        // The real host, started directly: through WebApplicationFactory a failed start can surface as the factory's
        // own ObjectDisposedException when the entry point has already disposed the host (seen on a starved machine).
        string[] args = ["--urls=http://127.0.0.1:0", .. settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")];
        // Every setting is checked while the host is built; a setting that two option types read (ApiBaseUrl) fails
        // in both, which the host reports together.
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = ServeCommand.Build(args);
            await app.StartAsync();
        });

        var failures = error is AggregateException all ? all.InnerExceptions : [error];
        Assert.All(failures, f => Assert.IsType<OptionsValidationException>(f));
        Assert.All(failures, f => Assert.Contains(key.Split(':')[1], f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_NoBotUserId_LearnsItFromAuthTestAndIgnoresItsOwnMessages()
    {
        var settings = PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath);
        settings["Slack:BotUserId"] = null;
        await using var factory = new PickBotApiFactory(settings);
        using var client = factory.CreateClient();

        var authTest = Assert.Single(await _slack.WaitForAsync("/api/auth.test", 1));
        Assert.Equal("Bearer " + PickBotApiFactory.BotToken, authTest.Authorization);
        await Eventually.FindAsync(() => Task.FromResult(factory.Logs.FirstOrDefault(l => l.Contains("UFAKEBOT", StringComparison.Ordinal))));
        using (var own = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention("EvOwn", "mtl vs stl", "1.000001", user: "UFAKEBOT", channel: "DSELF", type: "message", channelType: "im"))))
        using (var other = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention("EvOther", "mtl vs stl", "1.000002", channel: "DSELF", type: "message", channelType: "im"))))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        await _slack.WaitForAsync("/api/chat.postMessage", 1);
        await Task.Delay(300);
        Assert.Single(_slack.RequestsTo("/api/chat.postMessage"));
    }

    [Fact]
    public async Task Start_AuthTestFails_StillServesAndLogsIt()
    {
        _slack.EnqueueJson("/api/auth.test", """{"ok":false,"error":"invalid_auth"}""");
        var settings = PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath);
        settings["Slack:BotUserId"] = null;
        await using var factory = new PickBotApiFactory(settings);
        using var client = factory.CreateClient();

        await Eventually.FindAsync(() => Task.FromResult(factory.Logs.FirstOrDefault(l => l.Contains("auth.test (invalid_auth)", StringComparison.Ordinal))));
        using var response = await client.SendAsync(SlackRequests.Command("mtl vs stl"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostEvent_DeduplicatorReplacedAndFailing_Returns503SoSlackRetries()
    {
        await using var factory = new PickBotApiFactory(PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath));
        using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IEventDeduplicator, FailingDeduplicator>())).CreateClient();

        using var response = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention("EvDown", "<@UPICKBOT> mtl vs stl", "1.000003")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_slack.RequestsTo("/api/chat.postMessage"));
    }

    private sealed class FailingDeduplicator : IEventDeduplicator
    {
        public ValueTask<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken = default) => throw new TimeoutException("dedupe store unreachable");

        public ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
