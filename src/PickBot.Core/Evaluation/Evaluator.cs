using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;

namespace PickBot.Core.Evaluation;

public sealed record EvalMiss(EvalCase Case, string Got);

public sealed record EntryScore(string Entry, int Passed, int Total)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Passed / Total;
}

/// <summary>One half of one tier: how many of its questions were answered right, and the floor it is held to.</summary>
/// <param name="PicksRight">For the implicit tier, scored on the comparison: how many also got the expected pick.</param>
public sealed record TierScore(string Tier, string Half, int Passed, int Total, double? Floor, IReadOnlyList<EvalMiss> Misses, int PicksRight)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Passed / Total;

    public bool BelowFloor => Floor is { } floor && Percent < floor;

    /// <summary>How many were answered from another comparison than the expected one: worse than "did you mean".</summary>
    public int Elsewhere { get; init; }
}

/// <summary>
/// The main set's score (<see cref="Passed"/>, <see cref="Total"/>, <see cref="PerEntry"/>, <see cref="Misses"/>: the
/// questions outside any tier), and each tier's halves apart in <see cref="Tiers"/>.
/// </summary>
public sealed record EvalReport(int Passed, int Total, IReadOnlyList<EntryScore> PerEntry, IReadOnlyList<EvalMiss> Misses, IReadOnlyList<KnowledgeProblem> CaseProblems)
{
    public double Percent => Total == 0 ? 0 : 100.0 * Passed / Total;

    public IReadOnlyList<TierScore> Tiers { get; init; } = [];
}

/// <summary>Runs an evaluation set through the engine and scores it: the right entry and the right pick, or no match.</summary>
public static class Evaluator
{
    public const string ImplicitTier = "implicit";

    public static EvalReport Run(PickEngine engine, EvalSet set)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(set);
        var kb = engine.Knowledge;
        var problems = new List<KnowledgeProblem>();
        var misses = new List<EvalMiss>();
        var perEntry = new Dictionary<string, (int Passed, int Total)>(StringComparer.Ordinal);
        var tiers = new Dictionary<(string Tier, string Half), (int Passed, int Total, List<EvalMiss> Misses, int Picks, int Elsewhere)>();
        var passed = 0;
        var total = 0;
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
            var got = Got(answer);
            var why = Check(c, answer);
            var ok = why is null;
            if (c.Tier is { } tier)
            {
                var key = (tier, c.Half ?? "calibration");
                var score = tiers.GetValueOrDefault(key, (0, 0, [], 0, 0));

                // The implicit tier names no option: finding the comparison is what it measures; the pick is reported.
                var entryOk = tier == ImplicitTier && c.Entry is not null && answer.Matched && answer.Entry!.Id == c.Entry;
                if (!ok && !entryOk)
                {
                    score.Misses.Add(new EvalMiss(c, got + why));
                }

                var elsewhere = c.Entry is not null && answer.Matched && answer.Entry!.Id != c.Entry;
                tiers[key] = (score.Passed + (ok || entryOk ? 1 : 0), score.Total + 1, score.Misses, score.Picks + (ok ? 1 : 0), score.Elsewhere + (elsewhere ? 1 : 0));
                continue;
            }

            total++;
            var entryKey = c.Entry ?? EvalSetLoader.NoEntry;
            var entryScore = perEntry.GetValueOrDefault(entryKey);
            perEntry[entryKey] = (entryScore.Passed + (ok ? 1 : 0), entryScore.Total + 1);
            if (ok)
            {
                passed++;
            }
            else
            {
                misses.Add(new EvalMiss(c, got + why));
            }
        }

        return new EvalReport(
            passed,
            total,
            perEntry.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new EntryScore(p.Key, p.Value.Passed, p.Value.Total)).ToList(),
            misses,
            problems)
        {
            Tiers = tiers.OrderBy(t => TierOrder(t.Key.Tier)).ThenBy(t => t.Key.Tier, StringComparer.Ordinal).ThenBy(t => t.Key.Half == "held-out")
                .Select(t => new TierScore(t.Key.Tier, t.Key.Half, t.Value.Passed, t.Value.Total, set.Floors.TryGetValue($"{t.Key.Tier}/{t.Key.Half}", out var floor) ? floor : null, t.Value.Misses, t.Value.Picks) { Elsewhere = t.Value.Elsewhere })
                .ToList(),
        };
    }

    /// <summary>Null when the answer is right; otherwise what else was wrong besides the pick shown.</summary>
    private static string? Check(EvalCase c, Answer answer)
    {
        if (c.Entry is null)
        {
            return answer.Matched ? string.Empty : null;
        }

        if (!answer.Matched || answer.Entry!.Id != c.Entry || answer.Pick!.Id != c.Pick)
        {
            return string.Empty;
        }

        // "rule: none": filler must not be read as a signal, by words or by meaning.
        if (c.DefaultOnly && !answer.IsDefault)
        {
            return $" (decided by rule {answer.RuleId}, expected the default)";
        }

        if (c.DefaultOnly && answer.Tie)
        {
            return " (signals pointed both ways, expected none)";
        }

        // Mixed signals: the answer must name both sides, never drop one silently.
        if (c.Tier == "mixed" && answer.Sides.Count < 2)
        {
            return " (the other side's signal was not named)";
        }

        return null;
    }

    private static string Got(Answer answer)
    {
        if (!answer.Matched)
        {
            return $"no match ({answer.Kind.ToString().ToLowerInvariant()})";
        }

        var how = answer.Understood.FirstOrDefault(u => u.Method == UnderstoodBy.Meaning) is { } meaning ? $" [meaning {meaning.Similarity:0.000}: {meaning.ReadAs}]" : string.Empty;
        return $"{answer.Entry!.Id} / {answer.Pick!.Id}{how}";
    }

    private static int TierOrder(string tier) => tier switch
    {
        "paraphrase" => 0,
        "implicit" => 1,
        "negative" => 2,
        "mixed" => 3,
        _ => 4,
    };
}
