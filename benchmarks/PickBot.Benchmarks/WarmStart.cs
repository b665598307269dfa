using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PickBot.Benchmarks.Synthetic;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Semantic;

namespace PickBot.Benchmarks;

/// <summary>
/// <c>--warm N</c>: meaning at N synthetic entries. The first run fills a vector cache in a temporary folder that
/// outlives the process (<c>$TMPDIR/pickbot-warm-vectors</c>), with the local model; every later run starts warm:
/// open the cache, build the meaning index of the library from it (nothing may be embedded), several rounds, then
/// resident memory with the model, the library and the index in service, and the cost of questions placed by meaning.
/// </summary>
internal static class WarmStart
{
    public static int Run(int entries, int rounds, bool hashed)
    {
        // "hash": the cache is filled with stand-in vectors (a hash of each text) under their own model id, so a
        // warm start can be measured at sizes whose cold fill by the model would take many minutes. A warm start
        // reads and looks up vectors; their values do not change its cost, nor that of ranking them.
        var model = hashed ? "synthetic-hash" : MiniLmEmbeddingGenerator.ModelId;
        var folder = Path.Combine(Path.GetTempPath(), "pickbot-warm-vectors");
        var clock = Stopwatch.StartNew();
        var kb = SyntheticKnowledge.Load(entries);
        Console.WriteLine(Modes.Invariant($"entries={entries} load_s={clock.Elapsed.TotalSeconds:F2}"));

        clock.Restart();
        var generator = new CountingGenerator(MiniLmEmbeddingGenerator.Load());
        Console.WriteLine(Modes.Invariant($"model_load_s={clock.Elapsed.TotalSeconds:F2}"));

        // Fill (or top up) the cache: the one-off cold cost.
        Fill(kb, hashed ? new CountingGenerator(new HashGenerator()) : generator, folder, model);

        var warm = new List<(double Wall, double Cpu)>();
        Active? last = null;
        for (var round = 0; round < rounds; round++)
        {
            last?.Layer.Dispose();
            last = null;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var before = generator.Calls;
            var run = Time(() => Activate(kb, generator, folder, model));
            last = run.Result;
            if (generator.Calls != before)
            {
                throw new InvalidOperationException($"a warm start embedded {generator.Calls - before} texts");
            }

            warm.Add((run.Wall, run.Cpu));
            Console.WriteLine(Modes.Invariant($"warm round={round + 1} open_s={run.Result.OpenSeconds:F2} total_s={run.Wall:F2} cpu_s={run.Cpu:F2} texts={run.Result.Layer.IndexFor(kb)?.TextCount} cached={run.Result.Cached}"));
        }

        var sorted = warm.Select(w => w.Wall).Order().ToArray();
        Console.WriteLine(Modes.Invariant($"warm median_s={sorted[sorted.Length / 2]:F2} rounds={rounds} server_gc={System.Runtime.GCSettings.IsServerGC}"));

        // Questions that name no option run the model once and rank every comparison.
        var engine = new PickEngine(new KnowledgeStore(kb), last!.Layer);
        var questions = SyntheticKnowledge.Contexts(entries, 200);
        var times = new double[questions.Length];
        var calls = generator.Calls;
        for (var i = 0; i < questions.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            engine.Ask(questions[i]);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine(Modes.Invariant($"by meaning at {entries} entries: questions={questions.Length} embedded={generator.Calls - calls} p50_ms={times[times.Length / 2]:F2} p99_ms={times[(int)(times.Length * 0.99)]:F2}"));

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var process = Process.GetCurrentProcess();
        Console.WriteLine(Modes.Invariant($"rss_mb={process.WorkingSet64 / 1048576.0:F1} peak_rss_mb={Modes.ProcStatus("VmHWM") / 1024.0:F1} gc_heap_mb={GC.GetTotalMemory(false) / 1048576.0:F1}"));
        GC.KeepAlive(engine);
        return 0;
    }

    private static void Fill(KnowledgeBase kb, CountingGenerator generator, string folder, string model)
    {
        var before = generator.Calls;
        var fill = Time(() => Activate(kb, generator, folder, model));
        Console.WriteLine(Modes.Invariant($"fill: model={model} embedded={generator.Calls - before} wall_s={fill.Wall:F2} cpu_s={fill.Cpu:F2} texts={fill.Result.Layer.IndexFor(kb)?.TextCount}"));
        fill.Result.Layer.Dispose();
    }

    private static Active Activate(KnowledgeBase kb, IEmbeddingGenerator<string, Embedding<float>> generator, string folder, string model)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var cache = VectorCache.Open(folder, model, MiniLmEmbeddingGenerator.Dimensions);
        var open = clock.Elapsed.TotalSeconds;
        process.Refresh();
        Console.WriteLine(Modes.Invariant($"open_cpu_s={(process.TotalProcessorTime - cpu).TotalSeconds:F2}"));
        var cached = cache.Count;
        var layer = new SemanticLayer(new KnowledgeStore(kb), Options.Create(new SemanticOptions()));
        if (!layer.ActivateAsync(generator, cache, model).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("meaning did not switch on");
        }

        return new Active(layer, open, cached);
    }

    private static (T Result, double Wall, double Cpu) Time<T>(Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (result, wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private sealed record Active(SemanticLayer Layer, double OpenSeconds, int Cached);
}

/// <summary>Counts the texts a generator is asked to embed, so a run can show which questions ran the model.</summary>
internal sealed class CountingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values as IReadOnlyCollection<string> ?? [.. values];
        Interlocked.Add(ref _calls, list.Count);
        return base.GenerateAsync(list, options, cancellationToken);
    }
}

/// <summary>Stand-in vectors: the same text always gives the same unit vector, at no cost worth measuring.</summary>
internal sealed class HashGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            var random = new Random(text.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
            var vector = new float[MiniLmEmbeddingGenerator.Dimensions];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = (float)(random.NextDouble() - 0.5);
            }

            result.Add(new Embedding<float>(VectorMath.Normalised(vector)));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
