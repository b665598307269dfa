using BenchmarkDotNet.Attributes;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Benchmarks;

/// <summary>The real <c>knowledge/</c> folder, asked the kinds of questions people type, with and without typos.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class RealLibraryBenchmarks
{
    private PickEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(RepositoryPaths.Knowledge()));
        _engine = new PickEngine(kb);
    }

    [Benchmark(Baseline = true)]
    public Answer Exact() => _engine.Ask("mtl vs stl for a spam filter");

    [Benchmark]
    public Answer ExactWithSlackMarkup() =>
        _engine.Ask("<@U024BE7LH> should we use *multi-task learning* or single task learning? we have little labelled data :thinking_face:");

    [Benchmark]
    public Answer Typo() => _engine.Ask("mulit-task learning vs singel task learning for a spam detector");

    [Benchmark]
    public Answer NoMatch() => _engine.Ask("kafka vs rabbitmq for order events");
}
