using PickBot.Core.Knowledge;
using PickBot.Core.Text;

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
    private readonly (int Rule, SignalPattern Pattern)[] _signals;

    // The signals grouped by first stem, as three flat arrays (sorted stems, where each group starts, signal numbers
    // in rule order) rather than a dictionary of lists: a library of 100,000 entries holds 100,000 of these.
    private readonly string[] _stems;
    private readonly int[] _stemStarts;
    private readonly int[] _stemSignals;
    private readonly int[] _numberFirst;

    public RuleSet(Comparison comparison)
        : this(comparison, null)
    {
    }

    /// <param name="comparison">The entry whose rules to compile.</param>
    /// <param name="strings">Shares equal stems across the rule sets of one library, which repeat the same words.</param>
    internal RuleSet(Comparison comparison, StringPool? strings)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        _comparison = comparison;
        var signals = new List<(int Rule, SignalPattern Pattern)>();
        var numberFirst = new List<int>();
        var byStem = new List<(string Stem, int Signal)>();
        for (var r = 0; r < comparison.Rules.Count; r++)
        {
            foreach (var signal in comparison.Rules[r].When)
            {
                if (!SignalPattern.TryParse(signal, strings, out var pattern, out _) || pattern is null)
                {
                    continue;
                }

                var index = signals.Count;
                signals.Add((r, pattern));
                if (pattern.First.IsNumber)
                {
                    numberFirst.Add(index);
                }
                else
                {
                    byStem.Add((pattern.First.Stem!, index));
                }
            }
        }

        // Stable order within a stem (signal number), so candidates are tried in the order the rules list them.
        byStem.Sort((a, b) => string.CompareOrdinal(a.Stem, b.Stem) is var c && c != 0 ? c : a.Signal.CompareTo(b.Signal));
        var stems = new List<string>();
        var starts = new List<int>();
        for (var i = 0; i < byStem.Count; i++)
        {
            if (i == 0 || !string.Equals(byStem[i].Stem, byStem[i - 1].Stem, StringComparison.Ordinal))
            {
                stems.Add(byStem[i].Stem);
                starts.Add(i);
            }
        }

        starts.Add(byStem.Count);
        _signals = [.. signals];
        _numberFirst = [.. numberFirst];
        _stems = [.. stems];
        _stemStarts = [.. starts];
        _stemSignals = byStem.ConvertAll(p => p.Signal).ToArray();
    }

    private ReadOnlySpan<int> SignalsStartingWith(string stem)
    {
        var at = Array.BinarySearch(_stems, stem, StringComparer.Ordinal);
        return at < 0 ? [] : _stemSignals.AsSpan(_stemStarts[at], _stemStarts[at + 1] - _stemStarts[at]);
    }

    /// <summary>The rules that matched, best first. Each signal counts once, weighted by its length.</summary>
    internal IReadOnlyList<RuleMatch> Evaluate(IReadOnlyList<QuestionWord> context)
    {
        if (_signals.Length == 0 || context.Count == 0)
        {
            return [];
        }

        // A comparison has a handful of rules and a few dozen signals: lists searched in place cost less than the
        // dictionary, hash set and LINQ sort they replace, and this runs for every question.
        List<(int Rule, List<(WordSpan Span, int Weight, string Signal)> Hits)>? byRule = null;
        List<int>? matchedSignals = null;
        for (var start = 0; start < context.Count; start++)
        {
            var word = context[start];
            var candidates = SignalsStartingWith(word.Stem);
            if (candidates.Length > 0)
            {
                Try(candidates, start, ref byRule, ref matchedSignals);
            }

            if (word.Number is not null && _numberFirst.Length > 0)
            {
                Try(_numberFirst, start, ref byRule, ref matchedSignals);
            }
        }

        if (byRule is null)
        {
            return [];
        }

        // Best score first, then the rule written first; insertion sort keeps equals in first-matched order (stable).
        var matches = new List<RuleMatch>(byRule.Count);
        var order = new List<int>(byRule.Count);
        foreach (var (rule, hits) in byRule)
        {
            var match = Score(_comparison.Rules[rule], hits);
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

        void Try(ReadOnlySpan<int> candidates, int start, ref List<(int Rule, List<(WordSpan Span, int Weight, string Signal)> Hits)>? byRule, ref List<int>? matchedSignals)
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
                List<(WordSpan Span, int Weight, string Signal)>? hits = null;
                foreach (var existing in byRule)
                {
                    if (existing.Rule == rule)
                    {
                        hits = existing.Hits;
                        break;
                    }
                }

                if (hits is null)
                {
                    byRule.Add((rule, hits = []));
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
