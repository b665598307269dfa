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

        Dictionary<int, List<(WordSpan Span, int Weight, string Signal)>>? byRule = null;
        HashSet<int>? matchedSignals = null;
        for (var start = 0; start < context.Count; start++)
        {
            var word = context[start];
            if (_byFirstStem.TryGetValue(word.Stem, out var candidates))
            {
                Try(candidates, start);
            }

            if (word.Number is not null && _numberFirst.Count > 0)
            {
                Try(_numberFirst, start);
            }
        }

        if (byRule is null)
        {
            return [];
        }

        return byRule
            .Select(pair => Score(_comparison.Rules[pair.Key], pair.Value))
            .OrderByDescending(m => m.Score)
            .ThenBy(m => IndexOf(m.Rule))
            .ToList();

        void Try(List<int> candidates, int start)
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
                if (!byRule.TryGetValue(rule, out var hits))
                {
                    byRule[rule] = hits = [];
                }

                hits.Add((new WordSpan(context[start].TokenIndex, context[end - 1].TokenIndex + 1), pattern.Weight, pattern.Text));
            }
        }
    }

    // "spam" inside "spam filter" is the same evidence said once: a match inside a heavier match of the same rule adds
    // nothing, so a rule cannot win by listing a phrase and its own words separately. Between equally heavy matches
    // the tighter one stands ("edge device" rather than "on [an edge] device").
    private static RuleMatch Score(VerdictRule rule, List<(WordSpan Span, int Weight, string Signal)> hits)
    {
        var kept = new List<(WordSpan Span, int Weight, string Signal)>();
        for (var i = 0; i < hits.Count; i++)
        {
            var h = hits[i];
            var redundant = false;
            for (var j = 0; j < hits.Count && !redundant; j++)
            {
                var o = hits[j];
                redundant = i != j && (
                    (Contains(o.Span, h.Span) && o.Weight > h.Weight)
                    || (Contains(h.Span, o.Span) && o.Weight == h.Weight && o.Span != h.Span)
                    || (o.Span == h.Span && o.Weight == h.Weight && j < i));
            }

            if (!redundant)
            {
                kept.Add(h);
            }
        }

        kept.Sort((a, b) => a.Span.First.CompareTo(b.Span.First));
        return new RuleMatch(rule, kept.Sum(h => h.Weight), kept.Select(h => h.Span).ToList(), kept.Select(h => h.Signal).ToList());
    }

    private static bool Contains(WordSpan outer, WordSpan inner) => outer.First <= inner.First && inner.End <= outer.End;

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
}
