using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Core.Evaluation;

public sealed record EvalMiss(EvalCase Case, string Got);

public sealed record EntryScore(string Entry, int Passed, int Total)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Passed / Total;
}

public sealed record EvalReport(int Passed, int Total, IReadOnlyList<EntryScore> PerEntry, IReadOnlyList<EvalMiss> Misses, IReadOnlyList<KnowledgeProblem> CaseProblems)
{
    public double Percent => Total == 0 ? 0 : 100.0 * Passed / Total;
}

/// <summary>Runs an evaluation set through the engine and scores it: the right entry and the right pick, or no match.</summary>
public static class Evaluator
{
    public static EvalReport Run(PickEngine engine, EvalSet set)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(set);
        var kb = engine.Knowledge;
        var problems = new List<KnowledgeProblem>();
        var misses = new List<EvalMiss>();
        var perEntry = new Dictionary<string, (int Passed, int Total)>(StringComparer.Ordinal);
        var passed = 0;
        foreach (var c in set.Cases)
        {
            if (c.Entry is not null && kb.FindComparison(c.Entry) is not { } comparison)
            {
                problems.Add(new KnowledgeProblem(c.Location, $"case names unknown entry '{c.Entry}'"));
            }
            else if (c.Entry is not null && c.Pick is not null && !kb.FindComparison(c.Entry)!.OptionIds.Contains(c.Pick))
            {
                problems.Add(new KnowledgeProblem(c.Location, $"case expects pick '{c.Pick}', which is not an option of '{c.Entry}'"));
            }

            var answer = engine.Ask(c.Question);
            var ok = c.Entry is null
                ? !answer.Matched
                : answer.Matched && answer.Entry!.Id == c.Entry && answer.Pick!.Id == c.Pick;
            var key = c.Entry ?? EvalSetLoader.NoEntry;
            var score = perEntry.GetValueOrDefault(key);
            perEntry[key] = (score.Passed + (ok ? 1 : 0), score.Total + 1);
            if (ok)
            {
                passed++;
            }
            else
            {
                misses.Add(new EvalMiss(c, answer.Matched ? $"{answer.Entry!.Id} / {answer.Pick!.Id}" : $"no match ({answer.Kind.ToString().ToLowerInvariant()})"));
            }
        }

        return new EvalReport(
            passed,
            set.Cases.Count,
            perEntry.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new EntryScore(p.Key, p.Value.Passed, p.Value.Total)).ToList(),
            misses,
            problems);
    }
}
