using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.AI;
using PickBot.Core.Answers;
using PickBot.Core.Evaluation;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Semantic;

namespace PickBot.Benchmarks;

/// <summary>
/// The meaning layer on the real library with the local model. <see cref="Lexical"/> against
/// <see cref="LexicalWithMeaningOn"/> shows that a question a rule decides by its words costs what it cost before
/// (the model never runs); <see cref="ByMeaning"/> is a paraphrase that only the model can read, with the
/// recent-question cache off so the model runs every time, and <see cref="ByMeaningRepeated"/> the same with it on.
/// <c>--meaning</c> prints p50/p99 of the semantic path over distinct questions, which BenchmarkDotNet cannot give.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MeaningBenchmarks
{
    private const string LexicalQuestion = "mtl vs stl for a spam filter";
    private const string Paraphrase = "json or protobuf, people read these payloads in the logs all day";

    private PickEngine _lexical = null!;
    private PickEngine _meaning = null!;
    private PickEngine _uncached = null!;

    [GlobalSetup]
    public void Setup()
    {
        var generator = MiniLmEmbeddingGenerator.Load();
        (_lexical, _meaning) = Engines(generator);
        (_, _uncached) = Engines(generator, questionCache: 0);
    }

    [Benchmark(Baseline = true)]
    public Answer Lexical() => _lexical.Ask(LexicalQuestion);

    [Benchmark]
    public Answer LexicalWithMeaningOn() => _meaning.Ask(LexicalQuestion);

    /// <summary>The model runs on every call: the recent-question cache is off.</summary>
    [Benchmark]
    public Answer ByMeaning() => _uncached.Ask(Paraphrase);

    /// <summary>The same paraphrase asked again (a retry, a re-asked thread): the recent-question cache answers.</summary>
    [Benchmark]
    public Answer ByMeaningRepeated() => _meaning.Ask(Paraphrase);

    /// <summary>
    /// The semantic path per question, without flattering it: every evaluation question (knowledge/eval, tiers
    /// included) asked once, in a fresh layer, so each question that reaches the model runs it (cold, distinct); then
    /// all of them again, when the recent-question cache answers the same texts (repeated). Percentiles are over the
    /// questions that ran the model on the first pass; lexical ones are reported beside them.
    /// </summary>
    public static int Percentiles(int limit)
    {
        var counting = new CountingGenerator(MiniLmEmbeddingGenerator.Load());
        var (_, engine) = Engines(counting);
        var questions = EvalSetLoader.LoadPath(Path.Combine(RepositoryPaths.Knowledge(), "eval")).Cases
            .Select(c => c.Question).Distinct(StringComparer.Ordinal).Take(limit).ToArray();

        // Compile and tier up the paths on questions outside the set, so the first measured ones do not pay the JIT.
        foreach (var warm in SyntheticWarmUp())
        {
            engine.Ask(warm);
        }

        var cold = new double[questions.Length];
        var ranModel = new bool[questions.Length];
        var start = counting.Calls;
        var calls = start;
        for (var i = 0; i < questions.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            engine.Ask(questions[i]);
            cold[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            ranModel[i] = counting.Calls > calls;
            calls = counting.Calls;
        }

        var repeated = new double[questions.Length];
        for (var i = 0; i < questions.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            engine.Ask(questions[i]);
            repeated[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var repeatCalls = counting.Calls - calls;
        Console.WriteLine(Modes.Invariant($"questions={questions.Length} ran_model={ranModel.Count(r => r)} embeddings={calls - start} (first pass, after warm-up)"));
        Console.WriteLine(Summary("cold, distinct, ran the model", cold.Where((_, i) => ranModel[i])));
        Console.WriteLine(Summary("cold, distinct, no model run  ", cold.Where((_, i) => !ranModel[i]), "us"));
        Console.WriteLine(Summary("repeated, same questions       ", repeated.Where((_, i) => ranModel[i]), "us") + Modes.Invariant($" embeddings={repeatCalls}"));

        // The mention load bench's five questions (benchmarks/PickBot.LoadGen), asked in turn as it sends them.
        string[] mentions = ["mtl vs stl for a spam filter", "should we use kafka or rabbitmq for order events?", "rest or graphql for a public api", "postgres vs mysql for a small team", "monolith or microservices for a team of 4"];
        var before = counting.Calls;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5_000; i++)
        {
            engine.Ask(mentions[i % mentions.Length]);
        }

        Console.WriteLine(Modes.Invariant($"mention bench questions: 5,000 asks, {clock.Elapsed.TotalMicroseconds / 5_000:0.0} us each, embeddings={counting.Calls - before}"));
        Console.WriteLine($"process RSS with the model and the real library: {Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024)} MB");
        return 0;
    }

    private static string Summary(string label, IEnumerable<double> milliseconds, string unit = "ms")
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return $"{label}: none";
        }

        var scale = unit == "us" ? 1000 : 1;
        return Modes.Invariant($"{label}: n={sorted.Length} p50={sorted[sorted.Length / 2] * scale:0.00} {unit} p99={sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))] * scale:0.00} {unit} max={sorted[^1] * scale:0.00} {unit}");
    }

    private static IEnumerable<string> SyntheticWarmUp()
    {
        string[] contexts = ["the night shift reads the dashboards", "a tiny team with no operations people", "auditors want every change kept", "most traffic arrives in bursts at month end"];
        string[] asks = ["kafka vs rabbitmq", "postgres or mysql", "which should we pick?", "rest vs grpc", "mtl vs stl"];
        for (var round = 0; round < 4; round++)
        {
            foreach (var ask in asks)
            {
                foreach (var context in contexts)
                {
                    yield return $"{ask} {context} (warm-up {round})";
                }
            }
        }
    }

    private static (PickEngine Lexical, PickEngine Meaning) Engines(IEmbeddingGenerator<string, Embedding<float>> generator, int questionCache = 2_048)
    {
        var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(RepositoryPaths.Knowledge()));
        var store = new KnowledgeStore(kb);
        var layer = new SemanticLayer(store, Options.Create(new SemanticOptions { QuestionCacheSize = questionCache }));
        var cache = VectorCache.Open(Path.Combine(RepositoryPaths.Root(), ".pickbot", "vectors"), MiniLmEmbeddingGenerator.ModelId, MiniLmEmbeddingGenerator.Dimensions);
        if (!layer.ActivateAsync(generator, cache, MiniLmEmbeddingGenerator.ModelId).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("meaning did not switch on");
        }

        return (new PickEngine(store), new PickEngine(store, layer));
    }
}
