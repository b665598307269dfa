using Microsoft.Data.Sqlite;
using PickBot.Core.Feedback;
using PickBot.Feedback;
using PickBot.Tests.Support;

namespace PickBot.Tests.Feedback;

public sealed class SqliteFeedbackStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pickbot-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);
    }

    [Fact]
    public async Task RecordVoteAsync_SameIdTwice_StoredOnce()
    {
        var sut = CreateSut();

        await sut.RecordVoteAsync(Vote("v1", helpful: true));
        await sut.RecordVoteAsync(Vote("v1", helpful: true));

        Assert.Single(await sut.VotesAsync());
    }

    [Fact]
    public async Task VotesAsync_RoundTripsEveryField()
    {
        var sut = CreateSut();
        var vote = new Vote("v1", "kafka vs rabbitmq ‘quoted’ 🐇", null, "kafka", false, "U1", "C1", At.AddMilliseconds(123));

        await sut.RecordVoteAsync(vote);

        Assert.Equal(vote, Assert.Single(await sut.VotesAsync()));
    }

    [Fact]
    public async Task VotesAsync_Since_OnlyNewer()
    {
        var sut = CreateSut();
        await sut.RecordVoteAsync(Vote("old", at: At.AddDays(-2)));
        await sut.RecordVoteAsync(Vote("new", at: At));

        var votes = await sut.VotesAsync(At.AddDays(-1));

        Assert.Equal("new", Assert.Single(votes).Id);
    }

    [Fact]
    public async Task UnansweredAsync_RecordsEachQuestionInOrder()
    {
        var sut = CreateSut();
        await sut.RecordUnansweredAsync(new UnansweredQuestion("b vs c", "U1", "C1", "command", At));
        await sut.RecordUnansweredAsync(new UnansweredQuestion("b vs c", null, null, "playground", At.AddSeconds(1)));

        var questions = await sut.UnansweredAsync();

        Assert.Equal(2, questions.Count);
        Assert.Equal("command", questions[0].Origin);
        Assert.Null(questions[1].UserId);
    }

    [Fact]
    public async Task Constructor_ExistingFile_ReopensWithRows()
    {
        var path = Path.Combine(_folder, "nested", "feedback.db");
        await new SqliteFeedbackStore(path).RecordVoteAsync(Vote("v1"));
        SqliteConnection.ClearAllPools();

        var reopened = new SqliteFeedbackStore(path);

        Assert.Equal("v1", Assert.Single(await reopened.VotesAsync()).Id);
    }

    [Fact]
    public void Constructor_NewFile_UsesWriteAheadLog()
    {
        var sut = CreateSut();
        using var connection = new SqliteConnection($"Data Source={sut.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    [Fact]
    public async Task RecordVoteAsync_ConcurrentWriters_AllStored()
    {
        var sut = CreateSut();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => sut.RecordVoteAsync(Vote($"v{i}")))));

        Assert.Equal(50, (await sut.VotesAsync()).Count);
    }

    private SqliteFeedbackStore CreateSut() => new(Path.Combine(_folder, "feedback.db"));

    private static Vote Vote(string id, bool helpful = true, DateTimeOffset? at = null) =>
        new(id, "mtl vs stl", "multi-task-vs-single-task-learning", "single-task-learning", helpful, "U1", "C1", at ?? At);
}
