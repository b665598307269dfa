using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Semantic;

namespace PickBot.Benchmarks;

/// <summary>
/// The meaning layer on the real library with the local model. <see cref="Lexical"/> against
/// <see cref="LexicalWithMeaningOn"/> shows that a question a rule decides by its words costs what it cost before
/// (the model never runs); <see cref="ByMeaning"/> is a paraphrase that only the model can read. <c>--meaning N</c>
/// prints p50/p99 of the semantic path over N questions, which BenchmarkDotNet's columns do not give.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MeaningBenchmarks
{
    private const string LexicalQuestion = "mtl vs stl for a spam filter";
    private const string Paraphrase = "json or protobuf, people read these payloads in the logs all day";

    private PickEngine _lexical = null!;
    private PickEngine _meaning = null!;

    [GlobalSetup]
    public void Setup() => (_lexical, _meaning) = Engines();

    [Benchmark(Baseline = true)]
    public Answer Lexical() => _lexical.Ask(LexicalQuestion);

    [Benchmark]
    public Answer LexicalWithMeaningOn() => _meaning.Ask(LexicalQuestion);

    [Benchmark]
    public Answer ByMeaning() => _meaning.Ask(Paraphrase);

    public static int Percentiles(int count)
    {
        var (_, engine) = Engines();
        string[] questions =
        [
            Paraphrase,
            "unit or e2e tests first? the hard part is a tangle of pricing formulas",
            "should every service own its tables, or can they all share one schema?",
            "graphql or grpc for what our iPhone and web screens call?",
            "kafka vs rabbitmq when consumers must reprocess last month's history",
        ];
        foreach (var q in questions)
        {
            engine.Ask(q);
        }

        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            engine.Ask(questions[i % questions.Length]);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine($"semantic path, {count} questions: p50 {times[count / 2]:0.00} ms, p99 {times[(int)(count * 0.99)]:0.00} ms, max {times[^1]:0.00} ms");
        Console.WriteLine($"process RSS with the model and the real library: {Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024)} MB");
        return 0;
    }

    private static (PickEngine Lexical, PickEngine Meaning) Engines()
    {
        var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(RepositoryPaths.Knowledge()));
        var store = new KnowledgeStore(kb);
        var layer = new SemanticLayer(store, Options.Create(new SemanticOptions()));
        var generator = MiniLmEmbeddingGenerator.Load();
        var cache = VectorCache.Open(Path.Combine(RepositoryPaths.Root(), ".pickbot", "vectors"), MiniLmEmbeddingGenerator.ModelId, MiniLmEmbeddingGenerator.Dimensions);
        if (!layer.ActivateAsync(generator, cache, MiniLmEmbeddingGenerator.ModelId).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("meaning did not switch on");
        }

        return (new PickEngine(store), new PickEngine(store, layer));
    }
}
