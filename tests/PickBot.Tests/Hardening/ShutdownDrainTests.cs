using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Hardening;

/// <summary>
/// Mentions are acknowledged before they are answered, so a restart must not drop them silently: within the grace
/// period the queue is drained; what is still queued after it is logged with everything needed to replay it.
/// </summary>
public sealed class ShutdownDrainTests : IDisposable
{
    private const int Mentions = 4;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-drain-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    [Fact]
    public async Task Stop_QueuedMentionsWithinGracePeriod_AreAllAnswered()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        SlowPosts(slack, TimeSpan.FromMilliseconds(300));
        var factory = Factory(slack, grace: "00:00:20");
        using var client = factory.CreateClient();

        await SendMentionsAsync(client, "EvDrainOk");
        await factory.DisposeAsync();

        Assert.Equal(Mentions, slack.RequestsTo("/api/chat.postMessage").Count);
        Assert.DoesNotContain("NOT answered at shutdown", factory.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_GracePeriodTooShort_LogsEveryUnansweredMentionForReplay()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        SlowPosts(slack, TimeSpan.FromSeconds(3));
        var factory = Factory(slack, grace: "00:00:00.500");
        using var client = factory.CreateClient();

        await SendMentionsAsync(client, "EvDrainLate");
        await factory.DisposeAsync();

        var logs = factory.LogText;
        var answered = slack.RequestsTo("/api/chat.postMessage").Select(r => r.Body).ToList();
        Assert.Contains("NOT answered at shutdown (replay)", logs, StringComparison.Ordinal);
        for (var i = 0; i < Mentions; i++)
        {
            var ts = Ts(i);
            var replayable = logs.Split('\n').Any(l => l.Contains("(replay)", StringComparison.Ordinal) && l.Contains($"EvDrainLate{i}", StringComparison.Ordinal) && l.Contains(ts, StringComparison.Ordinal) && l.Contains("CDRAIN", StringComparison.Ordinal) && l.Contains("spam filter", StringComparison.Ordinal));
            var started = answered.Any(b => b.Contains(ts, StringComparison.Ordinal));
            Assert.True(replayable || started, $"mention {i} was neither answered nor logged for replay");
        }
    }

    private PickBotApiFactory Factory(FakeSlackWebApi slack, string grace)
    {
        var settings = PickBotApiFactory.Settings(slack.ApiBaseUrl, _dataPath);
        settings["Slack:MentionWorkers"] = "1";
        settings["Slack:ShutdownGracePeriod"] = grace;
        settings["Slack:RetryMaxAttempts"] = "0";
        return new PickBotApiFactory(settings);
    }

    private static void SlowPosts(FakeSlackWebApi slack, TimeSpan delay)
    {
        for (var i = 0; i < Mentions; i++)
        {
            slack.Enqueue("/api/chat.postMessage", async context =>
            {
                await Task.Delay(delay);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"ok":true,"channel":"CDRAIN","ts":"1700000001.000001"}""");
            });
        }
    }

    private static async Task SendMentionsAsync(HttpClient client, string prefix)
    {
        for (var i = 0; i < Mentions; i++)
        {
            using var response = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention(
                prefix + i, $"<@{PickBotApiFactory.BotUserId}> mtl vs stl for a spam filter", Ts(i), channel: "CDRAIN")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static string Ts(int i) => $"1700000500.{i:D6}";
}
