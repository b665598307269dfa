using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Semantic;

/// <summary>How meaning reads a context (by option, from its rules' phrases and reasons) and a dilemma that names no option.</summary>
public sealed class ReadingTests
{
    private static readonly string[][] Concepts =
    [
        ["replay", "rewind", "reprocess", "history", "again", "log"],
        ["routing", "route", "routes", "topic", "headers", "complex", "flexibly"],
        ["kafka", "rabbitmq", "broker", "queue", "messages", "messaging"],
        ["cache", "cached", "caching", "memory"],
        ["structures", "structure", "sorted", "sets"],
    ];

    [Fact]
    public async Task RankSides_ScoresEachOptionByItsTwoClosestTexts()
    {
        var (index, _, kb) = await Build();
        var query = Embed("consumers reprocess the history again");

        var sides = index.RankSides(kb.IndexOf(kb.FindComparison("kafka-vs-rabbitmq")!), query);

        Assert.Equal(["kafka", "rabbitmq"], sides.Select(s => s.OptionId));
        Assert.Equal("replay", sides[0].Closest.Rule.Id);
        Assert.True(sides[0].Score - sides[1].Score > 0.3, $"lead {sides[0].Score - sides[1].Score}");

        // The mean of two: the closest text alone is closer than the score.
        Assert.True(sides[0].Closest.Similarity >= sides[0].Score);
    }

    [Fact]
    public async Task RankSides_Among_LeavesTheOtherOptionsOut()
    {
        var (index, _, kb) = await Build();

        var sides = index.RankSides(kb.IndexOf(kb.FindComparison("kafka-vs-rabbitmq")!), Embed("reprocess history"), ["rabbitmq"]);

        Assert.Equal("rabbitmq", Assert.Single(sides).OptionId);
    }

    [Fact]
    public async Task RankSides_WhatAnOptionsSideSays_CountsBesideItsRules()
    {
        // Redis's rules say only "persistence"; its use-when and pros say "data structures". A person who describes
        // sorted sets is describing the Redis side.
        var (index, _, kb) = await Build();

        var sides = index.RankSides(kb.IndexOf(kb.FindComparison("redis-vs-memcached")!), Embed("we keep sorted sets of scores"));

        Assert.Equal("redis", sides[0].OptionId);
        Assert.True(sides[0].Score - sides[1].Score > 0.3, $"lead {sides[0].Score - sides[1].Score}");
    }

    [Fact]
    public async Task Ask_WordsOfTheOptionsNames_AreNotReadAsTheSituation()
    {
        // "Apache" is a word of Kafka's name, not something about the team's case.
        var engine = await Engine(ruleMargin: 0.1);

        var answer = engine.Ask("kafka vs rabbitmq, apache consumers reprocess the history again");

        Assert.Equal("kafka", answer.Pick!.Id);
        var words = Assert.Single(answer.Understood).Words;
        Assert.DoesNotContain("apache", words, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("reprocess the history", words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_NumberSlotPhrases_AreNotEmbedded()
    {
        var (_, generator, _) = await Build();

        // "{n>=10000} messages per second" is a quantity the words check; as meaning it would be near any sentence
        // that says "messages".
        Assert.DoesNotContain(generator.Embedded, t => t.Contains("per second", StringComparison.Ordinal));
        Assert.Contains("event log", generator.Embedded);
    }

    [Fact]
    public async Task Ask_OneOptionLeadsByTheMargin_DecidesAndSaysWhatItReadAs()
    {
        var engine = await Engine(ruleMargin: 0.1);

        var answer = engine.Ask("kafka vs rabbitmq, consumers reprocess the history again");

        Assert.Equal(("kafka", "replay"), (answer.Pick!.Id, answer.RuleId));
        Assert.Equal(UnderstoodBy.Meaning, Assert.Single(answer.Understood).Method);
    }

    [Fact]
    public async Task Ask_LeadBelowTheMargin_KeepsTheDefault()
    {
        // Both options' texts are equally near: "history" (Kafka) and "routes" (RabbitMQ).
        var engine = await Engine(ruleMargin: 0.1);

        var answer = engine.Ask("kafka vs rabbitmq, the history of our routes");

        Assert.True(answer.IsDefault);
        Assert.Empty(answer.Understood);
    }

    [Fact]
    public async Task Ask_TwoWordsOfContext_AreTooFewToReadARule()
    {
        var engine = await Engine(ruleMargin: 0.1);

        var answer = engine.Ask("kafka vs rabbitmq for history reprocessing");

        Assert.True(answer.IsDefault);
    }

    [Theory]
    [InlineData("we're three people: one deployable app or a bunch of little services?", "one deployable app", "a bunch of little services")]
    [InlineData("keep a request hanging until the server has news, or open a persistent socket?", "keep a request hanging until the server has news", "open a persistent socket")]
    [InlineData("should we append events and rebuild state or update rows in place", "should we append events and rebuild state", "update rows in place")]
    public void Alternatives_AreTheWordsEitherSideOfTheLastOr(string question, string first, string second) =>
        Assert.Equal((first, second), PickEngine.Alternatives(question));

    [Theory]
    [InlineData("should we append events and rebuild state from history?")]
    [InlineData("replay or?")]
    public void Alternatives_WithoutTwoSides_AreNone(string question) =>
        Assert.Null(PickEngine.Alternatives(question));

    [Fact]
    public async Task Ask_DilemmaDescribingEachOption_PlacesTheComparisonWhoseOptionsEachHalfDescribes()
    {
        var engine = await Engine(entryThreshold: 0.3);

        var answer = engine.Ask("do we keep a log we can reprocess again, or a broker that routes by headers?");

        Assert.Equal(AnswerKind.Pick, answer.Kind);
        Assert.Equal("kafka-vs-rabbitmq", answer.Entry!.Id);
        Assert.True(answer.FromMeaning);
    }

    [Theory]
    [InlineData("which broker should carry our messages if consumers reprocess history again?", 1)]
    [InlineData("do we keep a log we can reprocess again, or a broker that routes by headers?", 3)]
    public async Task Ask_PlacedByMeaning_EmbedsTheContextOnceAndEachAlternativeOnce(string question, int embeddings)
    {
        var kb = TestKnowledge.Load(("messaging.yaml", TestKnowledge.Messaging));
        var store = new KnowledgeStore(kb);
        var layer = new SemanticLayer(store, Options.Create(new SemanticOptions { RuleThreshold = 0.2, RuleMargin = 0.1, EntryThreshold = 0.3, EntryMargin = 0.02 }));
        var generator = new ConceptEmbeddingGenerator(Concepts);
        Assert.True(await layer.ActivateAsync(generator, VectorCache.InMemory("concepts-v1", 256), "concepts-v1"));
        var indexing = generator.Calls;

        var answer = new PickEngine(store, layer).Ask(question);

        // The comparison is placed, and its rule read, from one embedding of the context.
        Assert.True(answer.FromMeaning);
        Assert.Equal(embeddings, generator.Calls - indexing);
    }

    [Fact]
    public async Task Ask_WhatIsTheDifference_IsOfferedNotAnswered()
    {
        var engine = await Engine(entryThreshold: 0.3);

        var answer = engine.Ask("what's the difference between a broker that routes by headers and a log we reprocess?");

        Assert.Equal(AnswerKind.NoMatch, answer.Kind);
        Assert.Contains(answer.Suggestions, s => s.ComparisonId == "kafka-vs-rabbitmq");
        Assert.Contains("rather than explanations", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("we should reprocess the history of the broker next sprint")]
    [InlineData("Sass or Less for the broker history?")]
    public async Task Ask_StatementOrUnknownNames_IsNotPlacedByMeaning(string question)
    {
        var engine = await Engine(entryThreshold: 0.3);

        Assert.NotEqual(AnswerKind.Pick, engine.Ask(question).Kind);
    }

    private static float[] Embed(string text) =>
        VectorMath.Normalised(new ConceptEmbeddingGenerator(Concepts).GenerateAsync([text]).GetAwaiter().GetResult()[0].Vector.ToArray());

    private static async Task<(SemanticIndex Index, RecordingGenerator Generator, KnowledgeBase Kb)> Build()
    {
        var kb = TestKnowledge.Load(("messaging.yaml", TestKnowledge.Messaging));
        var generator = new RecordingGenerator(new ConceptEmbeddingGenerator(Concepts));
        var (index, _) = await SemanticIndex.BuildAsync(kb, VectorCache.InMemory("concepts-v1", 256), async (texts, ct) =>
            (await generator.GenerateAsync(texts, cancellationToken: ct)).Select(e => e.Vector.ToArray()).ToList());
        return (index, generator, kb);
    }

    private static async Task<PickEngine> Engine(double ruleMargin = 0.1, double entryThreshold = 0.9)
    {
        var kb = TestKnowledge.Load(("messaging.yaml", TestKnowledge.Messaging));
        var store = new KnowledgeStore(kb);
        var layer = new SemanticLayer(store, Options.Create(new SemanticOptions { RuleThreshold = 0.2, RuleMargin = ruleMargin, EntryThreshold = entryThreshold, EntryMargin = 0.02 }));
        Assert.True(await layer.ActivateAsync(new ConceptEmbeddingGenerator(Concepts), VectorCache.InMemory("concepts-v1", 256), "concepts-v1"));
        return new PickEngine(store, layer);
    }

    private sealed class RecordingGenerator(ConceptEmbeddingGenerator inner) : Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>
    {
        public List<string> Embedded { get; } = [];

        public Task<Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>> GenerateAsync(IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Embedded.AddRange(texts);
            return inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }
}
