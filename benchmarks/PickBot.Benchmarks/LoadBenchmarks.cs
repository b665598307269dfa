using BenchmarkDotNet.Attributes;
using PickBot.Benchmarks.Synthetic;
using PickBot.Core.Knowledge;

namespace PickBot.Benchmarks;

/// <summary>
/// Loading and validating a whole library: parse every YAML file, check it, check across files, build the indexes.
/// From memory (the loader alone) and from a temporary folder on disk (what start-up and reload do).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LoadBenchmarks
{
    private IReadOnlyList<KnowledgeDocument> _documents = [];
    private string _folder = string.Empty;

    [Params(10_000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _documents = SyntheticKnowledge.Documents(Files);
        _folder = Path.Combine(Path.GetTempPath(), $"pickbot-bench-{Environment.ProcessId}");
        SyntheticKnowledge.WriteTo(_folder, Files);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark]
    public KnowledgeBase FromMemory() => Checked(new KnowledgeLoader().Load(_documents));

    [Benchmark]
    public KnowledgeBase FromDisk() => Checked(new KnowledgeLoader().Load(new DirectoryKnowledgeSource(_folder)));

    private KnowledgeBase Checked(KnowledgeBase kb) =>
        kb.Comparisons.Count == Files ? kb : throw new InvalidOperationException($"loaded {kb.Comparisons.Count} of {Files} comparisons");
}
