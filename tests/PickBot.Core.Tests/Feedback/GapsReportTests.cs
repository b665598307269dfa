using PickBot.Core.Feedback;
using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Feedback;

public sealed class GapsReportTests
{
    private static readonly DateTimeOffset Now = TestKnowledge.Clock().GetUtcNow();

    private readonly InMemoryFeedbackStore _store = new();

    [Fact]
    public void KeyWords_OrderCaseAndSlackMarkup_DoNotMatter()
    {
        Assert.Equal(GapsReport.KeyWords("rabbitmq vs kafka"), GapsReport.KeyWords("<@U0123> Kafka or *RabbitMQ*?"));
        Assert.Equal(["kafka", "rabbitmq"], GapsReport.KeyWords("should we use Kafka or RabbitMQ?"));
    }

    [Fact]
    public async Task BuildAsync_SimilarWordings_GroupedUnderMostAskedWording()
    {
        Ask("kafka vs pulsar?", "kafka vs pulsar", "pulsar or kafka", "Kafka vs Pulsar for order events", "kafak vs pulsar", "redis vs etcd");

        var report = await BuildAsync();

        Assert.Equal(2, report.Unanswered.Count);
        var first = report.Unanswered[0];
        Assert.Equal(5, first.Count);
        Assert.Equal(["kafka", "pulsar"], first.KeyWords);
        Assert.True(first.Question is "kafka vs pulsar?" or "kafka vs pulsar", first.Question);
        Assert.Contains("kafak vs pulsar", first.Variants);
        Assert.Contains("Kafka vs Pulsar for order events", first.Variants);
        Assert.Equal("redis vs etcd", report.Unanswered[1].Question);
        Assert.Equal(1, report.Unanswered[1].Count);
    }

    [Fact]
    public async Task BuildAsync_OneWordQuestion_IsNotFoldedIntoLongerOnes()
    {
        Ask("kafka", "kafka vs pulsar", "kafka vs nats");

        var report = await BuildAsync();

        Assert.Equal(3, report.Unanswered.Count);
        Assert.All(report.Unanswered, g => Assert.Equal(1, g.Count));
    }

    [Fact]
    public async Task BuildAsync_ShortWordsOneLetterApart_AreDifferentQuestions()
    {
        // "sqs" and "sql" are one edit apart, but short names get no typo allowance, as in the parser.
        Ask("sqs vs kafka", "sql vs kafka");

        var report = await BuildAsync();

        Assert.Equal(2, report.Unanswered.Count);
    }

    [Fact]
    public async Task BuildAsync_VersionNumbersDiffer_AreDifferentQuestions()
    {
        Ask("python2 vs perl", "python3 vs perl");

        var report = await BuildAsync();

        Assert.Equal(2, report.Unanswered.Count);
    }

    [Fact]
    public async Task BuildAsync_Origins_AreListedPerGroup()
    {
        Ask("kafka vs pulsar");
        _store.Unanswered.Add(new UnansweredQuestion("pulsar or kafka", "U1", "C1", "mention", Now));

        var report = await BuildAsync();

        Assert.Equal(["mention", "playground"], Assert.Single(report.Unanswered).Origins);
    }

    [Fact]
    public async Task BuildAsync_Downvotes_MostThumbsDownFirstWithTitles()
    {
        Vote("kafka-vs-rabbitmq", false, "kafka or rabbit for payments");
        Vote("kafka-vs-rabbitmq", false, "kafka vs rabbitmq, audit log");
        Vote("kafka-vs-rabbitmq", true, "kafka vs rabbitmq");
        Vote("redis-vs-memcached", false, "redis or memcached");
        Vote("redis-vs-memcached", true, "redis or memcached");
        Vote("gone-entry", false, "old question");
        Vote("redis-vs-memcached", true, "redis or memcached?");

        var report = await BuildAsync();

        Assert.Equal(["kafka-vs-rabbitmq", "gone-entry", "redis-vs-memcached"], report.Downvoted.Select(d => d.EntryId));
        var top = report.Downvoted[0];
        Assert.Equal("Kafka vs RabbitMQ", top.Title);
        Assert.Equal(2, top.Down);
        Assert.Equal(1, top.Up);
        Assert.Contains("kafka or rabbit for payments", top.Questions);
        Assert.Null(report.Downvoted[1].Title);
    }

    [Fact]
    public async Task BuildAsync_OnlyThumbsUp_ListsNoEntry()
    {
        Vote("kafka-vs-rabbitmq", true, "kafka vs rabbitmq");

        var report = await BuildAsync();

        Assert.Empty(report.Downvoted);
    }

    [Fact]
    public async Task BuildAsync_EntryPastReviewAge_IsListedAsStale()
    {
        var kb = TestKnowledge.Load(("m.yaml", TestKnowledge.Messaging.Replace(
            "title: Redis vs Memcached\n    area: data\n    owner: platform\n    reviewed: 2026-11-01",
            "title: Redis vs Memcached\n    area: data\n    owner: platform\n    reviewed: 2025-01-10",
            StringComparison.Ordinal)));

        var report = await GapsReport.BuildAsync(_store, kb, null, Now, reviewMaxAgeDays: 180);

        var stale = Assert.Single(report.Stale);
        Assert.Equal("redis-vs-memcached", stale.EntryId);
        Assert.Equal(new DateOnly(2025, 1, 10), stale.Reviewed);
        Assert.Equal(684, stale.DaysSinceReview);
        Assert.Equal("platform", stale.Owner);
    }

    [Fact]
    public async Task BuildAsync_Since_LeavesOutOlderFeedback()
    {
        _store.Unanswered.Add(new UnansweredQuestion("kafka vs pulsar", null, null, "playground", Now.AddDays(-10)));
        _store.Unanswered.Add(new UnansweredQuestion("redis vs etcd", null, null, "playground", Now.AddDays(-1)));
        _store.Votes.Add(new Vote("v1", "kafka vs rabbitmq", "kafka-vs-rabbitmq", "rabbitmq", false, "U1", "C1", Now.AddDays(-10)));

        var report = await GapsReport.BuildAsync(_store, TestKnowledge.Load(("m.yaml", TestKnowledge.Messaging)), Now.AddDays(-2), Now, 365);

        Assert.Equal("redis vs etcd", Assert.Single(report.Unanswered).Question);
        Assert.Empty(report.Downvoted);
    }

    [Fact]
    public void Build_Top_CutsEachList()
    {
        var questions = Enumerable.Range(0, 30).Select(i => new UnansweredQuestion($"tool{i}a vs tool{i}b", null, null, "playground", Now)).ToList();

        var report = GapsReport.Build([], questions, KnowledgeBase.Empty, null, Now, 365, top: 5);

        Assert.Equal(5, report.Unanswered.Count);
    }

    private Task<GapsReport> BuildAsync() =>
        GapsReport.BuildAsync(_store, TestKnowledge.Load(("m.yaml", TestKnowledge.Messaging)), null, Now, 365);

    private void Ask(params string[] questions)
    {
        foreach (var (question, i) in questions.Select((q, i) => (q, i)))
        {
            _store.Unanswered.Add(new UnansweredQuestion(question, null, null, "playground", Now.AddMinutes(-i)));
        }
    }

    private void Vote(string entry, bool helpful, string question) =>
        _store.Votes.Add(new Vote(Guid.NewGuid().ToString("n"), question, entry, null, helpful, "U1", "C1", Now.AddMinutes(-_store.Votes.Count)));
}
