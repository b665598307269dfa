using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PickBot.Intake;
using PickBot.Slack.Events;
using PickBot.Slack.WebApi;
using PickBot.Tests.Faults;
using PickBot.Tests.Support;

namespace PickBot.Tests.Intake;

/// <summary>What a crashed run left in intake.db is answered by the next start of the real host, once.</summary>
public sealed class IntakeRecoveryTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "pickbot-recovery-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_data);
    }

    [Fact]
    public async Task Start_JournalHoldsAMentionAndAButtonReply_AnswersBothAndEmptiesTheJournal()
    {
        await using var slack = await FaultySlack.StartAsync();
        var journal = new SqliteIntake(Path.Combine(_data, IntakeServiceCollectionExtensions.IntakeFile), TimeSpan.FromHours(1), TimeProvider.System, NullLogger<SqliteIntake>.Instance);
        // As the dispatcher does before every ack: claim the event id, then journal the work.
        Assert.True(await journal.TryBeginAsync("EvLeft"));
        await journal.AddAsync(new MentionWork("EvLeft", "CREC", "U1", "<@UPICKBOT> mtl vs stl for a spam filter", "1700000700.000001", "1700000700.000001", "mention") { JournalId = "event:EvLeft" });
        await journal.AddAsync(new ResponseWork(slack.ResponseUrl("left"), new ResponseMessage("Thanks! Noted that this answer helped."), "thanks to U1") { JournalId = "reply:left" });

        await using var host = new PickBotApiFactory(PickBotApiFactory.Settings(slack.ApiBaseUrl, _data));
        using var client = host.CreateClient();
        await slack.WaitForAnswersAsync(["EvLeft"], TimeSpan.FromSeconds(20));
        await Eventually.FindAsync(async () => (await journal.PendingAsync()).Count == 0 && slack.Responses.Count > 0 ? "done" : null, TimeSpan.FromSeconds(20));

        Assert.Equal(1, slack.AnswersByEvent()["EvLeft"]);
        var reply = Assert.Single(slack.Responses);
        Assert.Contains("\"text\":\"Thanks! Noted that this answer helped.\"", reply, StringComparison.Ordinal);
        Assert.Contains("\"replace_original\":false", reply, StringComparison.Ordinal);

        // A retry of the recovered event after the restart is acknowledged, not answered again.
        using var retry = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention("EvLeft", "<@UPICKBOT> mtl vs stl", "1700000700.000001", channel: "CREC"), retryNum: 1));
        Assert.True(retry.IsSuccessStatusCode);
        await Task.Delay(500);
        Assert.Equal(1, slack.AnswersByEvent()["EvLeft"]);
    }
}
