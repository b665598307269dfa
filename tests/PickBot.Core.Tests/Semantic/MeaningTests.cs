using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Semantic;

public sealed class MeaningTests
{
    // "replay" (Kafka) and "complex routing" (RabbitMQ) are the Messaging entry's rule phrases.
    private static readonly string[][] Concepts =
    [
        ["replay", "rewind", "reprocess", "history", "again"],
        ["routing", "route", "routes", "topic", "headers", "complex"],
        ["kafka", "rabbitmq", "broker", "queue", "messages", "messaging"],
    ];

    [Fact]
    public async Task Ask_ContextMeansARulePhrase_FiresTheRuleAndSaysWhatItWasReadAs()
    {
        var (engine, _) = await CreateSut();

        var answer = engine.Ask("kafka vs rabbitmq, consumers must reprocess last month's history again");

        Assert.Equal("kafka", answer.Pick!.Id);
        Assert.Equal("replay", answer.RuleId);
        var decided = Assert.Single(answer.DecidedBy);
        Assert.Equal("replay", answer.ReadAs(decided));
        var understood = Assert.Single(answer.Understood);
        Assert.Equal(UnderstoodBy.Meaning, understood.Method);
        Assert.InRange(understood.Similarity, 0.45, 1);
        Assert.Contains("(read as \"replay\")", AnswerText.Render(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_RuleMatchedByWords_NeverRunsTheModel()
    {
        var (engine, generator) = await CreateSut();
        var afterIndexing = generator.Calls;

        var answer = engine.Ask("kafka vs rabbitmq, we need replay");

        Assert.Equal("replay", answer.RuleId);
        Assert.Equal(afterIndexing, generator.Calls);
        Assert.Equal(UnderstoodBy.Exact, Assert.Single(answer.Understood).Method);
    }

    [Fact]
    public async Task Ask_ContextUnlikeAnyRule_KeepsTheHonestDefault()
    {
        var (engine, _) = await CreateSut();

        var answer = engine.Ask("kafka vs rabbitmq, the office coffee machine broke yesterday");

        Assert.True(answer.IsDefault);
        Assert.Empty(answer.DecidedBy);
    }

    [Fact]
    public async Task Ask_FillerOnly_IsNotReadAsASignal()
    {
        var (engine, generator) = await CreateSut();
        var afterIndexing = generator.Calls;

        var answer = engine.Ask("kafka vs rabbitmq for our team? thoughts?");

        Assert.True(answer.IsDefault);
        Assert.Equal(afterIndexing, generator.Calls);
    }

    [Fact]
    public async Task Ask_NegatedContext_MeaningStaysSilent()
    {
        var (engine, _) = await CreateSut();

        var answer = engine.Ask("kafka vs rabbitmq, consumers never reprocess history again");

        Assert.True(answer.IsDefault);
    }

    [Fact]
    public async Task Ask_NoOptionNamed_PlacesTheComparisonByMeaningAndSaysSo()
    {
        var (engine, _) = await CreateSut();

        var answer = engine.Ask("which broker should carry our messages if consumers reprocess history again?");

        Assert.Equal(AnswerKind.Pick, answer.Kind);
        Assert.Equal("kafka-vs-rabbitmq", answer.Entry!.Id);
        Assert.True(answer.FromMeaning);
        Assert.True(answer.Inferred);
        Assert.StartsWith("You seem to be asking about Kafka vs RabbitMQ.", AnswerText.Render(answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kafka vs pulsar for our messaging queue")]
    [InlineData("rabbitmq or nats for the broker?")]
    [InlineData("solace or activemq for the messages queue?")]
    public async Task Ask_AnOptionTheLibraryDoesNotHold_NeverAnswersFromANeighbour(string question)
    {
        var (engine, _) = await CreateSut();

        var answer = engine.Ask(question);

        Assert.NotEqual(AnswerKind.Pick, answer.Kind);
    }

    [Fact]
    public async Task Ask_NotAskingToChoose_IsNotPlacedByMeaning()
    {
        var (engine, _) = await CreateSut();

        var answer = engine.Ask("who owns the broker that carries our messages?");

        Assert.NotEqual(AnswerKind.Pick, answer.Kind);
    }

    [Theory]
    [InlineData("kafka vs rabbitmq, consumers must reprocess last month's history again")]
    [InlineData("which broker should carry our messages if consumers reprocess history again?")]
    [InlineData("kafka vs rabbitmq, we need replay")]
    [InlineData("redis or memcached")]
    public async Task Ask_LayerNotOn_AnswersExactlyAsWithoutIt(string question)
    {
        var kb = TestKnowledge.Load(("messaging.yaml", TestKnowledge.Messaging));
        var store = new KnowledgeStore(kb);
        var inactive = new SemanticLayer(store, Options.Create(new SemanticOptions()));
        var off = new SemanticLayer(store, Options.Create(new SemanticOptions { Mode = SemanticMode.Off }));
        var generator = new ConceptEmbeddingGenerator(Concepts);
        Assert.False(await off.ActivateAsync(generator, VectorCache.InMemory("concepts-v1", 256), "concepts-v1"));

        var expected = AnswerDocument.From(new PickEngine(store).Ask(question)).ToJson();

        Assert.Equal(expected, AnswerDocument.From(new PickEngine(store, inactive).Ask(question)).ToJson());
        Assert.Equal(expected, AnswerDocument.From(new PickEngine(store, off).Ask(question)).ToJson());
        Assert.Equal("lexical", off.Status.Answering);
        Assert.Equal(0, generator.Calls);
    }

    [Fact]
    public async Task Ask_GeneratorFailsForQuestions_AnswersByWordsAndLogsOneLine()
    {
        var logs = new ListLogger();
        var (engine, generator) = await CreateSut(logs);
        generator.Fail = text => text.Contains("history", StringComparison.Ordinal) ? new HttpRequestException("connection refused") : null;

        var first = engine.Ask("kafka vs rabbitmq, consumers must reprocess last month's history again");
        var second = engine.Ask("kafka vs rabbitmq, we reprocess history again and again");

        Assert.True(first.IsDefault);
        Assert.True(second.IsDefault);
        Assert.Single(logs.Lines, l => l.Contains("Embedding a question failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ask_ParallelQuestions_AnswerAsOneAtATime()
    {
        var (engine, _) = await CreateSut();
        string[] questions =
        [
            "kafka vs rabbitmq, consumers must reprocess last month's history again",
            "kafka vs rabbitmq, the routes depend on headers and topic",
            "which broker should carry our messages if consumers reprocess history again?",
            "kafka vs rabbitmq, we need replay",
        ];
        var expected = questions.Select(q => AnswerDocument.From(engine.Ask(q)).ToJson()).ToList();

        var results = new string[questions.Length * 50];
        Parallel.For(0, results.Length, i => results[i] = AnswerDocument.From(engine.Ask(questions[i % questions.Length])).ToJson());

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % questions.Length], results[i]);
        }
    }

    [Fact]
    public async Task Reload_NewKnowledge_EmbedsOnlyWhatChanged()
    {
        var kb = TestKnowledge.Load(("messaging.yaml", TestKnowledge.Messaging));
        var store = new KnowledgeStore(kb);
        var layer = new SemanticLayer(store, Options.Create(new SemanticOptions()));
        var generator = new ConceptEmbeddingGenerator(Concepts);
        var cache = VectorCache.InMemory("concepts-v1", 256);
        Assert.True(await layer.ActivateAsync(generator, cache, "concepts-v1"));
        var first = generator.Calls;

        var edited = TestKnowledge.Load(("messaging.yaml", TestKnowledge.Messaging.Replace("[replay, event log,", "[replay, event log, audit history,", StringComparison.Ordinal)));
        store.Swap(edited);
        await Eventually(() => layer.IndexFor(edited) is not null);

        Assert.True(first > 10);
        Assert.Equal(first + 1, generator.Calls);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }

    private static async Task<(PickEngine Engine, ConceptEmbeddingGenerator Generator)> CreateSut(ILogger<SemanticLayer>? logger = null)
    {
        var kb = TestKnowledge.Load(("messaging.yaml", TestKnowledge.Messaging));
        var store = new KnowledgeStore(kb);
        var layer = new SemanticLayer(store, Options.Create(new SemanticOptions { RuleThreshold = 0.45, RuleMargin = 0.02, EntryThreshold = 0.4, EntryMargin = 0.02 }), logger);
        var generator = new ConceptEmbeddingGenerator(Concepts);
        Assert.True(await layer.ActivateAsync(generator, VectorCache.InMemory("concepts-v1", 256), "concepts-v1"));
        Assert.Equal("meaning", layer.Status.Answering);
        return (new PickEngine(store, layer), generator);
    }

    private sealed class ListLogger : ILogger<SemanticLayer>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
