using PickBot.Core.Knowledge;

namespace PickBot.Core.Verdicts;

/// <summary>How well one rule's signals matched, and which words of the question matched them.</summary>
public sealed record RuleMatch(VerdictRule Rule, int Score, IReadOnlyList<WordSpan> Spans, IReadOnlyList<string> Signals);

/// <summary>A run of question tokens, <c>[First, End)</c>.</summary>
public readonly record struct WordSpan(int First, int End);

/// <summary>
/// The verdict rules of one comparison, compiled once at load: every signal is parsed and indexed by its first word,
/// so judging a question costs one look-up per context word, whatever the number of rules.
/// </summary>
public sealed class RuleSet
{
    private readonly Comparison _comparison;
    private readonly List<(int Rule, SignalPattern Pattern)> _signals = [];
    private readonly Dictionary<string, List<int>> _byFirstStem = new(StringComparer.Ordinal);
    private readonly List<int> _numberFirst = [];

    public RuleSet(Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        _comparison = comparison;
        for (var r = 0; r < comparison.Rules.Count; r++)
        {
            foreach (var signal in comparison.Rules[r].When)
            {
                if (!SignalPattern.TryParse(signal, out var pattern, out _) || pattern is null)
                {
                    continue;
                }

                var index = _signals.Count;
                _signals.Add((r, pattern));
                if (pattern.First.IsNumber)
                {
                    _numberFirst.Add(index);
                }
                else
                {
                    if (!_byFirstStem.TryGetValue(pattern.First.Stem!, out var list))
                    {
                        _byFirstStem[pattern.First.Stem!] = list = [];
                    }

                    list.Add(index);
                }
            }
        }
    }

    /// <summary>The rules that matched, best first. Each signal counts once, weighted by its length.</summary>
    internal IReadOnlyList<RuleMatch> Evaluate(IReadOnlyList<QuestionWord> context)
    {
        if (_signals.Count == 0 || context.Count == 0)
        {
            return [];
        }

        // A comparison has a handful of rules and a few dozen signals: lists searched in place cost less than the
        // dictionary, hash set and LINQ sort they replace, and this runs for every question.
        List<RuleTally>? byRule = null;
        List<int>? matchedSignals = null;
        for (var start = 0; start < context.Count; start++)
        {
            var word = context[start];
            if (_byFirstStem.TryGetValue(word.Stem, out var candidates))
            {
                Try(candidates, start, ref byRule, ref matchedSignals);
            }

            if (word.Number is not null && _numberFirst.Count > 0)
            {
                Try(_numberFirst, start, ref byRule, ref matchedSignals);
            }
        }

        if (byRule is null)
        {
            return [];
        }

        // Best score first, then the rule written first. Insertion sort: stable, and the list is a few items long.
        var matches = new List<RuleMatch>(byRule.Count);
        var order = new List<int>(byRule.Count);
        foreach (var tally in byRule)
        {
            var match = new RuleMatch(_comparison.Rules[tally.Rule], tally.Score, tally.Spans, tally.Signals);
            var rank = IndexOf(match.Rule);
            var at = matches.Count;
            while (at > 0 && (matches[at - 1].Score < match.Score || (matches[at - 1].Score == match.Score && order[at - 1] > rank)))
            {
                at--;
            }

            matches.Insert(at, match);
            order.Insert(at, rank);
        }

        return matches;

        void Try(List<int> candidates, int start, ref List<RuleTally>? byRule, ref List<int>? matchedSignals)
        {
            foreach (var index in candidates)
            {
                var (rule, pattern) = _signals[index];
                if (matchedSignals?.Contains(index) == true || !pattern.TryMatchAt(context, start, out var end))
                {
                    continue;
                }

                (matchedSignals ??= []).Add(index);
                byRule ??= [];
                RuleTally? tally = null;
                foreach (var existing in byRule)
                {
                    if (existing.Rule == rule)
                    {
                        tally = existing;
                        break;
                    }
                }

                if (tally is null)
                {
                    byRule.Add(tally = new RuleTally(rule));
                }

                tally.Spans.Add(new WordSpan(context[start].TokenIndex, context[end - 1].TokenIndex + 1));
                tally.Signals.Add(pattern.Text);
                tally.Score += pattern.Weight;
            }
        }
    }

    private int IndexOf(VerdictRule rule)
    {
        for (var i = 0; i < _comparison.Rules.Count; i++)
        {
            if (ReferenceEquals(_comparison.Rules[i], rule))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private sealed class RuleTally(int rule)
    {
        public int Rule { get; } = rule;

        public int Score { get; set; }

        public List<WordSpan> Spans { get; } = [];

        public List<string> Signals { get; } = [];
    }
}
