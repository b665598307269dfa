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
/// <remarks>
/// A library of 100,000 entries holds 100,000 of these and about 3.4 million signals, so a signal is no object: all
/// of a rule set lives in one int array, signal words are numbers from the library's <see cref="StemTable"/>, and a
/// signal's text is the rule's own <see cref="VerdictRule.When"/> item, found again by its position. An object per
/// signal, a word array per signal and a string per stem cost about 5 KB per entry; this costs about 1 KB.
/// </remarks>
public sealed class RuleSet
{
    // Bit of a signal's origin: its first word is a negation ("no budget"), so a negation before it does not deny it.
    private const int NegationFirst = 1 << 30;

    private readonly Comparison _comparison;
    private readonly StemTable _stems;

    // The number slots ({n<=5}) of this rule set; a signal word -1 - k stands for slot k. Most rule sets have none.
    private readonly PatternWord[] _slots;

    // Sections of _data, in order: signal word starts (signals + 1, relative to the words section), signal origins
    // (the position among all the rules' When items, plus NegationFirst), the distinct first stems in ascending order,
    // where each stem's group starts (groups + 1), signal numbers grouped by first stem (rule order within a group),
    // signals whose first word is a number slot, and last the signal words.
    private readonly int[] _data;
    private readonly int _signalCount;
    private readonly int _origins;
    private readonly int _groupStems;
    private readonly int _groupCount;
    private readonly int _groupStarts;
    private readonly int _groupSignals;
    private readonly int _numberFirst;
    private readonly int _numberFirstCount;
    private readonly int _words;

    public RuleSet(Comparison comparison)
        : this(comparison, new StemTable())
    {
        _stems.Freeze();
    }

    /// <param name="comparison">The entry whose rules to compile.</param>
    /// <param name="stems">Numbers the stems, shared across the rule sets of one library, which repeat the same words.</param>
    internal RuleSet(Comparison comparison, StemTable stems)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        _comparison = comparison;
        _stems = stems;
        var origins = new List<int>();
        var starts = new List<int>();
        var words = new List<int>();
        var slots = new List<PatternWord>();
        var numberFirst = new List<int>();
        var byStem = new List<(int Stem, int Signal)>();
        var ordinal = 0;
        for (var r = 0; r < comparison.Rules.Count; r++)
        {
            foreach (var signal in comparison.Rules[r].When)
            {
                var origin = ordinal++;
                if (!SignalPattern.TryParse(signal, out var pattern, out _) || pattern is null)
                {
                    continue;
                }

                var index = origins.Count;
                origins.Add(origin | (pattern.StartsWithNegation ? NegationFirst : 0));
                starts.Add(words.Count);
                foreach (var word in pattern.PatternWords)
                {
                    if (word.IsNumber)
                    {
                        words.Add(-1 - slots.Count);
                        slots.Add(word);
                    }
                    else
                    {
                        words.Add(stems.Add(word.Stem!));
                    }
                }

                if (pattern.First.IsNumber)
                {
                    numberFirst.Add(index);
                }
                else
                {
                    byStem.Add((words[starts[index]], index));
                }
            }
        }

        starts.Add(words.Count);

        // Stable order within a stem (signal number), so candidates are tried in the order the rules list them.
        byStem.Sort((a, b) => a.Stem != b.Stem ? a.Stem.CompareTo(b.Stem) : a.Signal.CompareTo(b.Signal));
        var groupStems = new List<int>();
        var groupStarts = new List<int>();
        for (var i = 0; i < byStem.Count; i++)
        {
            if (i == 0 || byStem[i].Stem != byStem[i - 1].Stem)
            {
                groupStems.Add(byStem[i].Stem);
                groupStarts.Add(i);
            }
        }

        groupStarts.Add(byStem.Count);
        _slots = slots.Count == 0 ? [] : [.. slots];
        _signalCount = origins.Count;
        _groupCount = groupStems.Count;
        _numberFirstCount = numberFirst.Count;
        _origins = starts.Count;
        _groupStems = _origins + origins.Count;
        _groupStarts = _groupStems + groupStems.Count;
        _groupSignals = _groupStarts + groupStarts.Count;
        _numberFirst = _groupSignals + byStem.Count;
        _words = _numberFirst + numberFirst.Count;
        _data = new int[_words + words.Count];
        starts.CopyTo(_data, 0);
        origins.CopyTo(_data, _origins);
        groupStems.CopyTo(_data, _groupStems);
        groupStarts.CopyTo(_data, _groupStarts);
        for (var i = 0; i < byStem.Count; i++)
        {
            _data[_groupSignals + i] = byStem[i].Signal;
        }

        numberFirst.CopyTo(_data, _numberFirst);
        words.CopyTo(_data, _words);
    }

    private ReadOnlySpan<int> SignalsStartingWith(int stem)
    {
        if (stem < 0)
        {
            return [];
        }

        var at = _data.AsSpan(_groupStems, _groupCount).BinarySearch(stem);
        if (at < 0)
        {
            return [];
        }

        var first = _data[_groupStarts + at];
        return _data.AsSpan(_groupSignals + first, _data[_groupStarts + at + 1] - first);
    }

    private ReadOnlySpan<int> SignalWords(int signal) =>
        _data.AsSpan(_words + _data[signal], _data[signal + 1] - _data[signal]);

    /// <summary>The rule a signal belongs to and the signal's text, as that rule wrote it.</summary>
    private (int Rule, string Text) Origin(int signal)
    {
        var ordinal = _data[_origins + signal] & ~NegationFirst;
        for (var r = 0; ; r++)
        {
            var when = _comparison.Rules[r].When;
            if (ordinal < when.Count)
            {
                return (r, when[ordinal]);
            }

            ordinal -= when.Count;
        }
    }

    /// <summary>The rules that matched, best first. Each signal counts once, weighted by its length.</summary>
    internal IReadOnlyList<RuleMatch> Evaluate(IReadOnlyList<QuestionWord> context)
    {
        if (_signalCount == 0 || context.Count == 0)
        {
            return [];
        }

        // Each context word's stem number, once: matching a signal word is then an int comparison.
        Span<int> stems = context.Count <= 256 ? stackalloc int[context.Count] : new int[context.Count];
        for (var i = 0; i < context.Count; i++)
        {
            stems[i] = _stems.Find(context[i].Stem);
        }

        // A comparison has a handful of rules and a few dozen signals: lists searched in place cost less than the
        // dictionary, hash set and LINQ sort they replace, and this runs for every question.
        List<(int Rule, List<(WordSpan Span, int Weight, string Signal)> Hits)>? byRule = null;
        List<int>? matchedSignals = null;
        var numberFirst = _data.AsSpan(_numberFirst, _numberFirstCount);
        for (var start = 0; start < context.Count; start++)
        {
            var candidates = SignalsStartingWith(stems[start]);
            if (candidates.Length > 0)
            {
                Try(context, stems, candidates, start, ref byRule, ref matchedSignals);
            }

            if (context[start].Number is not null && numberFirst.Length > 0)
            {
                Try(context, stems, numberFirst, start, ref byRule, ref matchedSignals);
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
    }

    private void Try(
        IReadOnlyList<QuestionWord> context,
        ReadOnlySpan<int> stems,
        ReadOnlySpan<int> candidates,
        int start,
        ref List<(int Rule, List<(WordSpan Span, int Weight, string Signal)> Hits)>? byRule,
        ref List<int>? matchedSignals)
    {
        foreach (var index in candidates)
        {
            if (matchedSignals?.Contains(index) == true || !TryMatchAt(index, context, stems, start, out var end))
            {
                continue;
            }

            var (rule, text) = Origin(index);
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

            hits.Add((new WordSpan(context[start].TokenIndex, context[end - 1].TokenIndex + 1), SignalWords(index).Length, text));
        }
    }

    /// <summary>
    /// Finds a signal's phrase in the context words, in order, allowing two extra words inside it ("little labelled
    /// training data" still says "little labelled data"), and not right after a negation.
    /// </summary>
    private bool TryMatchAt(int signal, IReadOnlyList<QuestionWord> context, ReadOnlySpan<int> stems, int start, out int end)
    {
        end = start;
        var words = SignalWords(signal);
        if (!Matches(words[0], context, stems, start)
            || ((_data[_origins + signal] & NegationFirst) == 0 && IsNegated(context, start)))
        {
            return false;
        }

        var limit = Math.Min(context.Count, start + words.Length + 2);
        var position = start + 1;
        for (var k = 1; k < words.Length; k++)
        {
            while (position < limit && !Matches(words[k], context, stems, position))
            {
                position++;
            }

            if (position >= limit)
            {
                return false;
            }

            position++;
        }

        end = position;
        return true;
    }

    private bool Matches(int word, IReadOnlyList<QuestionWord> context, ReadOnlySpan<int> stems, int position) =>
        word >= 0 ? stems[position] == word : _slots[-1 - word].Matches(context[position]);

    private static bool IsNegated(IReadOnlyList<QuestionWord> words, int start)
    {
        // Three words back in the question as written: option names removed from the context must not pull a
        // negation from further away ("no vendor product fits our unique requirements").
        for (var i = Math.Max(0, start - 3); i < start; i++)
        {
            // "We can't afford downtime" insists on the phrase rather than denying it.
            if (words[start].TokenIndex - words[i].TokenIndex <= 3 && Words.Negations.Contains(words[i].Stem)
                && !(i + 1 < words.Count && words[i + 1].Stem == "afford"))
            {
                return true;
            }
        }

        return false;
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
