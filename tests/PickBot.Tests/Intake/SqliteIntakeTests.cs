using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PickBot.Intake;
using PickBot.Slack.Events;
using PickBot.Slack.WebApi;
using PickBot.Tests.Support;

namespace PickBot.Tests.Intake;

public sealed class SqliteIntakeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pickbot-intake-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-04T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);
    }

    [Fact]
    public async Task TryBegin_AfterReopen_StillKnowsAJournaledEvent()
    {
        var first = CreateSut();
        Assert.True(await first.TryBeginAsync("Ev1"));
        await first.AddAsync(Mention("Ev1"));

        // A new instance on the same file is what a restarted process sees.
        var reopened = CreateSut();
        Assert.False(await reopened.TryBeginAsync("Ev1"));
        Assert.True(await reopened.TryBeginAsync("Ev2"));
    }

    [Fact]
    public async Task TryBegin_ClaimOfAProcessThatDiedBeforeJournaling_IsTakenOver()
    {
        // Claimed, then killed before the work was journaled (and before the ack): Slack's retry must be answered.
        Assert.True(await CreateSut().TryBeginAsync("EvCut"));

        var restarted = CreateSut();
        Assert.True(await restarted.TryBeginAsync("EvCut"));
        Assert.False(await restarted.TryBeginAsync("EvCut"));
    }

    [Fact]
    public async Task TryBegin_ConfirmedClaimAfterReopen_IsARepeat()
    {
        var first = CreateSut();
        Assert.True(await first.TryBeginAsync("EvOk"));
        await first.ConfirmAsync("EvOk");

        Assert.False(await CreateSut().TryBeginAsync("EvOk"));
    }

    [Fact]
    public async Task TryBegin_ConcurrentDeliveriesOfOneEvent_ExactlyOneWins()
    {
        var sut = CreateSut();
        var wins = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await sut.TryBeginAsync("EvRace"))));
        Assert.Equal(1, wins.Count(w => w));
    }

    [Fact]
    public async Task TryBegin_AfterTheWindow_ClaimsAgain()
    {
        var sut = CreateSut();
        Assert.True(await sut.TryBeginAsync("EvOld"));
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.True(await sut.TryBeginAsync("EvOld"));
        Assert.False(await sut.TryBeginAsync("EvOld"));
    }

    [Fact]
    public async Task Forget_ReleasesTheClaim()
    {
        var sut = CreateSut();
        Assert.True(await sut.TryBeginAsync("EvRefused"));
        await sut.ForgetAsync("EvRefused");
        Assert.True(await sut.TryBeginAsync("EvRefused"));
    }

    [Fact]
    public async Task Pending_AfterReopen_HoldsWhatWasNotRemovedWithItsAttempts()
    {
        var sut = CreateSut();
        var mention = new MentionWork("Ev1", "C1", "U1", "<@UPICKBOT> kafka vs rabbitmq", "1.000001", "1.000001", "mention") { JournalId = "event:Ev1" };
        var reply = new ResponseWork(new Uri("https://hooks.slack.com/actions/T/1/x"), new ResponseMessage("Thanks!"), "thanks to U1") { JournalId = "reply:1" };
        var answered = mention with { EventId = "Ev2", JournalId = "event:Ev2" };
        await sut.AddAsync(mention);
        await sut.AddAsync(reply);
        await sut.AddAsync(answered);
        await sut.MarkAttemptedAsync("event:Ev1");
        await sut.RemoveAsync("event:Ev2");

        var pending = await CreateSut().PendingAsync();

        Assert.Equal(2, pending.Count);
        var back = Assert.IsType<MentionWork>(pending[0]);
        Assert.Equal(mention with { Attempts = 1 }, back);
        var backReply = Assert.IsType<ResponseWork>(pending[1]);
        Assert.Equal(reply.ResponseUrl, backReply.ResponseUrl);
        Assert.Contains("\"text\":\"Thanks!\"", backReply.Json, StringComparison.Ordinal);
        Assert.Equal(0, backReply.Attempts);
    }

    [Fact]
    public async Task Add_ManyAtOnce_ShareCommitsAndEveryOneIsDurableWhenItReturns()
    {
        var sut = CreateSut();
        var ids = Enumerable.Range(0, 200).Select(i => $"EvMany{i}").ToArray();

        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            await sut.AddAsync(Mention(id));

            // Returned means committed: another connection, as a restarted process would open, already sees it.
            Assert.True(RowExists("event:" + id));
        })));

        Assert.InRange(sut.Commits, 1, 150);
        Assert.Equal(200, (await CreateSut().PendingAsync()).Count);
    }

    [Fact]
    public async Task Enqueue_OneCallFails_TheOthersInItsCommitStillHold()
    {
        var sut = CreateSut();
        var calls = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            calls.Add(sut.AddAsync(Mention($"EvMixed{i}")).AsTask());
            if (i == 10)
            {
                calls.Add(sut.Enqueue(() => throw new SqliteException("simulated failure", 1)));
            }
        }

        await Assert.ThrowsAsync<SqliteException>(() => calls[11]);
        await Task.WhenAll(calls.Where((_, i) => i != 11));

        Assert.Equal(20, (await CreateSut().PendingAsync()).Count);
    }

    [Fact]
    public async Task Dispose_QueuedCallsAreWrittenFirst()
    {
        var sut = CreateSut();
        var calls = Enumerable.Range(0, 50).Select(i => sut.AddAsync(Mention($"EvLast{i}")).AsTask()).ToList();

        sut.Dispose();

        await Task.WhenAll(calls);
        Assert.Equal(50, (await CreateSut().PendingAsync()).Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await sut.AddAsync(Mention("EvAfter")));
    }

    private bool RowExists(string journalId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "intake.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM journal WHERE id = $id";
        command.Parameters.AddWithValue("$id", journalId);
        return command.ExecuteScalar() is not null;
    }

    private static MentionWork Mention(string eventId) =>
        new(eventId, "C1", "U1", "<@UPICKBOT> kafka vs rabbitmq", "1.000001", "1.000001", "mention") { JournalId = "event:" + eventId };

    private SqliteIntake CreateSut() => new(Path.Combine(_folder, "intake.db"), TimeSpan.FromHours(1), _time, NullLogger<SqliteIntake>.Instance);
}
