using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Hardening;

/// <summary>
/// Mentions are acknowledged before they are answered, so a restart must not drop them: within the grace period the
/// queue is drained; what is left after it stays in the intake journal and is answered, once, at the next start.
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
        var factory = Factory(slack.ApiBaseUrl, grace: "00:00:20");
        using var client = factory.CreateClient();

        await SendMentionsAsync(client, "EvDrainOk");
        await factory.DisposeAsync();

        Assert.Equal(Mentions, slack.RequestsTo("/api/chat.postMessage").Count);
        Assert.DoesNotContain("stay in the intake journal", factory.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_GracePeriodTooShort_AnswersTheRestOnceAtNextStart()
    {
        await using var slack = await Faults.FaultySlack.StartAsync();
        slack.PostDelay = TimeSpan.FromSeconds(1);
        var first = Factory(slack.ApiBaseUrl, grace: "00:00:00.200");
        using (var client = first.CreateClient())
        {
            await SendMentionsAsync(client, "EvDrainLate");
        }

        await first.DisposeAsync();
        Assert.Contains("stay in the intake journal", first.LogText, StringComparison.Ordinal);
        var ids = Enumerable.Range(0, Mentions).Select(i => "EvDrainLate" + i).ToList();
        Assert.True(slack.AnswersByEvent().Count < Mentions, "the grace period was meant to cut the answers short");

        // The post cut off at shutdown lands at Slack all the same; the next start must see it and not post it again.
        await Task.Delay(1500);
        slack.PostDelay = TimeSpan.Zero;
        await using var second = Factory(slack.ApiBaseUrl, grace: "00:00:05");
        using var again = second.CreateClient();
        await slack.WaitForAnswersAsync(ids, TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        var answers = slack.AnswersByEvent();
        Assert.All(ids, id => Assert.Equal(1, answers.GetValueOrDefault(id)));
        Assert.Contains("left unanswered by the last run", second.LogText, StringComparison.Ordinal);
    }

    private PickBotApiFactory Factory(string apiBaseUrl, string grace)
    {
        var settings = PickBotApiFactory.Settings(apiBaseUrl, _dataPath);
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
