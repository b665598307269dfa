using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PickBot.Cli;
using PickBot.Core.Feedback;
using PickBot.Core.Knowledge;
using PickBot.Feedback;
using PickBot.Tests.Support;

namespace PickBot.Tests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly KnowledgeFolder _knowledge = new();
    private readonly InMemoryFeedbackStore _store = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public ReportCommandTests()
    {
        foreach (var (question, daysAgo) in new[] { ("kafka vs pulsar", 1), ("pulsar or kafka?", 2), ("Kafka vs Pulsar for order events", 3), ("redis vs etcd", 20) })
        {
            _store.Unanswered.Enqueue(new UnansweredQuestion(question, "U1", "C1", "mention", Now.AddDays(-daysAgo)));
        }

        _store.Votes.Enqueue(new Vote("v1", "mtl vs stl for fraud", "multi-task-vs-single-task-learning", "multi-task-learning", false, "U1", "C1", Now.AddDays(-1)));
        _store.Votes.Enqueue(new Vote("v2", "mtl vs stl", "multi-task-vs-single-task-learning", "multi-task-learning", true, "U2", "C1", Now.AddDays(-1)));
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task RunAsync_Text_ListsGroupedQuestionsThumbsDownAndStaleEntries()
    {
        File.WriteAllText(_knowledge.SeedPath, File.ReadAllText(_knowledge.SeedPath).Replace("reviewed: 2026-11-25", "reviewed: 2025-06-01", StringComparison.Ordinal));

        var code = await RunAsync(reviewMaxAgeDays: 365);

        Assert.Equal(CommandLine.Ok, code);
        var text = _output.ToString();
        Assert.Matches(@"3x  kafka vs pulsar", text);
        Assert.Contains("also: pulsar or kafka? | Kafka vs Pulsar for order events", text, StringComparison.Ordinal);
        Assert.Matches(@"1x  redis vs etcd", text);
        Assert.Contains("1 down / 1 up  multi-task-vs-single-task-learning  (Multi-Task Learning vs Single Task Learning)", text, StringComparison.Ordinal);
        Assert.Contains("e.g. mtl vs stl for fraud", text, StringComparison.Ordinal);
        Assert.Contains("Not reviewed within 365 days (1 entry, oldest first)", text, StringComparison.Ordinal);
        Assert.Contains("multi-task-vs-single-task-learning  (Multi-Task Learning vs Single Task Learning)  owner ml-platform; reviewed 2025-06-01, 542 days ago", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SinceDate_LeavesOutOlderQuestions()
    {
        var code = await RunAsync("--since", "2026-11-20");

        Assert.Equal(CommandLine.Ok, code);
        Assert.DoesNotContain("redis vs etcd", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("feedback since 2026-11-20 00:00 UTC", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Json_IsMachineReadable()
    {
        var code = await RunAsync("--json", "--since=7d");

        Assert.Equal(CommandLine.Ok, code);
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal(Now.AddDays(-7), root.GetProperty("since").GetDateTimeOffset());
        var group = root.GetProperty("unanswered")[0];
        Assert.Equal(3, group.GetProperty("count").GetInt32());
        Assert.Equal(["kafka", "pulsar"], group.GetProperty("keyWords").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, root.GetProperty("unanswered").GetArrayLength());
        Assert.Equal("multi-task-vs-single-task-learning", root.GetProperty("downvoted")[0].GetProperty("entryId").GetString());
        Assert.Equal(0, root.GetProperty("stale").GetArrayLength());
    }

    [Fact]
    public async Task RunAsync_SqliteStore_ReportsWhatTheBotRecorded()
    {
        var data = Directory.CreateTempSubdirectory("pickbot-report-");
        try
        {
            var path = Path.Combine(data.FullName, "feedback.db");
            var sqlite = new SqliteFeedbackStore(path);
            foreach (var question in _store.Unanswered)
            {
                await sqlite.RecordUnansweredAsync(question);
            }

            foreach (var vote in _store.Votes)
            {
                await sqlite.RecordVoteAsync(vote);
            }

            var code = await ReportCommand.RunAsync(["--json"], _output, _error, () => new SqliteFeedbackStore(path), Options(365), new FakeTimeProvider(Now));

            Assert.Equal(CommandLine.Ok, code);
            using var json = JsonDocument.Parse(_output.ToString());
            Assert.Equal(3, json.RootElement.GetProperty("unanswered")[0].GetProperty("count").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("downvoted")[0].GetProperty("down").GetInt32());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_NoStore_FailsWithExplanation()
    {
        var code = await ReportCommand.RunAsync([], _output, _error, () => null, Options(365), new FakeTimeProvider(Now));

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("no feedback recorded yet", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("7w")]
    public async Task CommandLine_BadSince_IsUsageError(string since)
    {
        var code = await CommandLine.RunAsync(["report", "--since", since], TextReader.Null, _output, _error);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains($"--since '{since}'", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-01", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T09:30:00Z", "2026-11-01T09:30:00+00:00")]
    [InlineData("2026-11-01T09:30:00+02:00", "2026-11-01T07:30:00+00:00")]
    [InlineData("7d", "2026-11-18T12:00:00+00:00")]
    [InlineData("12h", "2026-11-25T00:00:00+00:00")]
    public void ParseSince_Forms_MeanThatMoment(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReportCommand.ParseSince(text, Now));

    private Task<int> RunAsync(params string[] args) => RunAsync(365, args);

    private Task<int> RunAsync(int reviewMaxAgeDays, params string[] args) =>
        ReportCommand.RunAsync(args, _output, _error, () => _store, Options(reviewMaxAgeDays), new FakeTimeProvider(Now));

    private KnowledgeOptions Options(int reviewMaxAgeDays) => new() { Path = _knowledge.Path, ReviewMaxAgeDays = reviewMaxAgeDays };
}
