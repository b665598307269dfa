using BenchmarkDotNet.Attributes;
using PickBot.Benchmarks.Synthetic;
using PickBot.Core.Answers;

namespace PickBot.Benchmarks;

/// <summary>
/// One question end to end (<see cref="PickEngine.Ask"/>: Slack markup, tokens, alias look-up, comparison, verdict,
/// the answer record) against synthetic libraries from 50 to 100,000 entries. Each invocation asks a fixed set of
/// varied questions, so a result is the mean cost of one question of that mix.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AskBenchmarks
{
    private const int QuestionCount = 64;

    private PickEngine _engine = null!;
    private string[] _exact = [];
    private string[] _typo = [];

    [Params(50, 1_000, 10_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var kb = SyntheticKnowledge.Load(Entries);
        if (kb.HasErrors)
        {
            throw new InvalidOperationException($"synthetic knowledge has problems: {kb.Problems.First(p => p.IsError)}");
        }

        _engine = new PickEngine(kb);
        _exact = SyntheticKnowledge.Questions(Entries, QuestionCount, typo: false);
        Check(_exact);

        // Names made of syllables sit close together, so a typo sometimes lands nearer another option than the one
        // meant (as "stl" is one letter from "mtl"). Keep the typo questions the engine corrects into an answer.
        _typo = SyntheticKnowledge.Questions(Entries, QuestionCount * 4, typo: true)
            .Where(q => _engine.Ask(q) is { Kind: AnswerKind.Pick, Corrections.Count: > 0 })
            .Take(QuestionCount)
            .ToArray();
        if (_typo.Length < QuestionCount)
        {
            throw new InvalidOperationException($"only {_typo.Length} typo questions were answered");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = QuestionCount)]
    public int Exact() => AskAll(_exact);

    [Benchmark(OperationsPerInvoke = QuestionCount)]
    public int Typo() => AskAll(_typo);

    private int AskAll(string[] questions)
    {
        var picks = 0;
        foreach (var question in questions)
        {
            if (_engine.Ask(question).Kind == AnswerKind.Pick)
            {
                picks++;
            }
        }

        return picks;
    }

    // A benchmark of questions that fall through to "no match" would flatter the engine: fail loudly instead.
    private void Check(string[] questions)
    {
        foreach (var question in questions)
        {
            var answer = _engine.Ask(question);
            if (answer.Kind != AnswerKind.Pick || answer.Corrections.Count > 0)
            {
                throw new InvalidOperationException($"'{question}' was not answered as expected: {answer.Kind} {answer.Message}");
            }
        }
    }
}
