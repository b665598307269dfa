using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Semantic;

/// <summary>The bounded cache of question vectors inside <see cref="SemanticLayer.Embed"/>, and the cache on disk under it.</summary>
public sealed class QuestionEmbeddingCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pickbot-layer-").FullName;

    [Fact]
    public async Task Embed_SameTextAgain_DoesNotRunTheModelAgain()
    {
        var (layer, generator) = await Activated();
        var before = generator.Calls;

        var first = layer.Embed("people read these payloads in the logs all day");
        var second = layer.Embed("people read these payloads in the logs all day");

        Assert.Equal(before + 1, generator.Calls);
        Assert.Equal(first, second);
        Assert.Equal(VectorMath.Normalised(CountingGenerator.Vector("people read these payloads in the logs all day")), second);
    }

    [Fact]
    public async Task Ask_SameQuestionAgain_RunsTheModelOnce()
    {
        var (layer, generator) = await Activated();
        var engine = new PickEngine(Store, layer);
        var question = "kafka vs rabbitmq, the office coffee machine broke yesterday";
        var before = generator.Calls;
        var first = AnswerDocument.From(engine.Ask(question)).ToJson();
        var afterFirst = generator.Calls;

        var second = AnswerDocument.From(engine.Ask(question)).ToJson();

        Assert.True(afterFirst > before);
        Assert.Equal(afterFirst, generator.Calls);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Embed_MoreTextsThanCapacity_KeepsAtMostCapacity()
    {
        var (layer, generator) = await Activated(capacity: 4);
        for (var i = 0; i < 10; i++)
        {
            layer.Embed($"question number {i}");
        }

        // None was asked twice, so the oldest went first: the last four are held, newest first, and no more.
        Assert.All([9, 8, 7, 6], i => Assert.Equal(0, Embeds(layer, generator, $"question number {i}")));
        Assert.Equal(1, Embeds(layer, generator, "question number 5"));
    }

    [Fact]
    public async Task Embed_TextAskedAgainAndAgain_OutlivesOneOffTexts()
    {
        var (layer, generator) = await Activated(capacity: 4);
        layer.Embed("thread question");
        for (var i = 0; i < 20; i++)
        {
            // Asked again between every new text, it is marked used each time the hand comes by.
            Assert.Equal(0, Embeds(layer, generator, "thread question"));
            layer.Embed($"one-off {i}");
        }

        Assert.Equal(1, Embeds(layer, generator, "one-off 0"));
    }

    [Fact]
    public async Task Embed_CapacityZero_AlwaysRunsTheModel()
    {
        var (layer, generator) = await Activated(capacity: 0);

        Assert.Equal(1, Embeds(layer, generator, "same text"));
        Assert.Equal(1, Embeds(layer, generator, "same text"));
    }

    [Fact]
    public async Task Embed_ManyThreadsWithEviction_EveryVectorIsItsTextsAndTheBoundHolds()
    {
        var (layer, generator) = await Activated(capacity: 16);
        var texts = Enumerable.Range(0, 40).Select(i => $"parallel question {i}").ToArray();
        var expected = texts.ToDictionary(t => t, t => VectorMath.Normalised(CountingGenerator.Vector(t)));
        var wrong = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            // Skewed: a few texts often (cache hits), the rest rarely (eviction all the time).
            var text = texts[i % 7 == 0 ? i % texts.Length : i % 5];
            if (layer.Embed(text) is not { } vector || !vector.AsSpan().SequenceEqual(expected[text]))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
        Assert.True(generator.Calls < 20_000 / 2, $"{generator.Calls} model runs for 20,000 asks of 40 texts");
        var recent = new RecentEmbeddings(16);
        Parallel.For(0, 20_000, i => recent.Add(texts[i % texts.Length], expected[texts[i % texts.Length]]));
        Assert.InRange(recent.Count, 1, 16);
    }

    [Fact]
    public async Task Activate_DamagedCacheFile_EmbedsWhatWasLostAndAnswersByMeaning()
    {
        var model = "counting-v1";
        var first = await Activated(cache: VectorCache.Open(_directory, model, CountingGenerator.Dimensions));
        var texts = first.Layer.IndexFor(Store.Current)!.TextCount;
        var file = Directory.GetFiles(_directory).Single();
        var bytes = File.ReadAllBytes(file);
        for (var i = 40; i < bytes.Length; i += 97)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(file, bytes);

        var cache = VectorCache.Open(_directory, model, CountingGenerator.Dimensions);
        var (layer, generator) = await Activated(cache: cache);

        Assert.NotNull(cache.Repaired);
        Assert.Equal("on", layer.Status.State);
        Assert.InRange(generator.Calls, 1, texts + 1);
        Assert.NotNull(layer.Embed("people read these payloads in the logs all day"));
    }

    [Fact]
    public async Task Activate_WarmCache_EmbedsNothing()
    {
        var model = "counting-v1";
        await Activated(cache: VectorCache.Open(_directory, model, CountingGenerator.Dimensions));

        var (_, generator) = await Activated(cache: VectorCache.Open(_directory, model, CountingGenerator.Dimensions));

        Assert.Equal(0, generator.Calls);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private KnowledgeStore Store { get; } = new(TestKnowledge.Load(("messaging.yaml", TestKnowledge.Messaging)));

    private static int Embeds(SemanticLayer layer, CountingGenerator generator, string text)
    {
        var before = generator.Calls;
        Assert.NotNull(layer.Embed(text));
        return generator.Calls - before;
    }

    private async Task<(SemanticLayer Layer, CountingGenerator Generator)> Activated(int capacity = 2_048, VectorCache? cache = null)
    {
        var layer = new SemanticLayer(Store, Options.Create(new SemanticOptions { QuestionCacheSize = capacity }));
        var generator = new CountingGenerator();
        Assert.True(await layer.ActivateAsync(generator, cache ?? VectorCache.InMemory("counting-v1", CountingGenerator.Dimensions), "counting-v1"));
        return (layer, generator);
    }

    /// <summary>A deterministic stand-in model that counts every text it is given, from any thread.</summary>
    private sealed class CountingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public const int Dimensions = 32;

        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public static float[] Vector(string text)
        {
            var random = new Random(text.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
            return [.. Enumerable.Range(0, Dimensions).Select(_ => (float)random.NextDouble() - 0.5f)];
        }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var text in values)
            {
                Interlocked.Increment(ref _calls);
                result.Add(new Embedding<float>(Vector(text)));
            }

            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
