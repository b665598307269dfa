using PickBot.Core.Knowledge;
using PickBot.Core.Text;

namespace PickBot.Core.Verdicts;

/// <summary>How well one rule's signals matched, and which words of the question matched them.</summary>
public sealed record RuleMatch(VerdictRule Rule, int Score, IReadOnlyList<WordSpan> Spans, IReadOnlyList<string> Signals);

/// <summary>A run of question tokens, <c>[First, End)</c>.</summary>
public readonly record struct WordSpan(int First, int End);

/// <summary>
/// The verdict rules of one comparison, compiled once at load: every signal is parsed once, so judging a question
/// compares numbers, never strings, whatever the number of rules.
/// </summary>
/// <remarks>
/// A library of 100,000 entries holds 100,000 of these and about 3.4 million signals, so a signal is no object: all
/// of a rule set lives in one int array, signal words are numbers from the library's <see cref="StemTable"/>, number
/// slots are a few ints in the same array, and a signal's text is the rule's own <see cref="VerdictRule.When"/> item,
/// found again by its position. A comparison has a few dozen signals, so a question finds the ones starting with
/// each of its words by scanning their first words: an index by first word cost more memory than the signals.
/// </remarks>
public sealed class RuleSet
{
    // Bit of a signal's start: its first word is a negation ("no budget"), so a negation before it does not deny it.
    private const int NegationFirst = 1 << 30;

    // A number slot ({n<=5}) is three ints: the comparison, then the bound's bits.
    private const int SlotSize = 3;

    // The comparisons a slot may make, by their code in the array; the first, none, matches any number.
    private static readonly string[] Operators = [string.Empty, "<", "<=", ">", ">=", "="];

    private readonly Comparison _comparison;
    private readonly StemTable _stems;

    // Sections of _data: where each signal's words start (signals + 1, relative to the words section, plus
    // NegationFirst), the signal words, then the number slots. A signal is numbered by its position among all the
    // rules' When items; one that does not parse has no words and never matches. A signal word k >= 0 is a stem
    // number, -1 - k is number slot k.
    private readonly int[] _data;
    private readonly int _signalCount;
    private readonly int _slots;

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
        var starts = new List<int>();
        var words = new List<int>();
        var slots = new List<int>();
        for (var r = 0; r < comparison.Rules.Count; r++)
        {
            var rule = comparison.Rules[r];
            for (var i = 0; i < rule.WhenCount; i++)
            {
                if (!SignalPattern.TryParse(rule.WhenAt(i), out var pattern, out _) || pattern is null)
                {
                    starts.Add(words.Count);
                    continue;
                }

                starts.Add(words.Count | (pattern.StartsWithNegation ? NegationFirst : 0));
                foreach (var word in pattern.PatternWords)
                {
                    if (word.IsNumber)
                    {
                        words.Add(-1 - (slots.Count / SlotSize));
                        var bits = BitConverter.DoubleToInt64Bits(word.Bound);
                        slots.Add(Array.IndexOf(Operators, word.Operator ?? string.Empty) is var op and >= 0 ? op : 0);
                        slots.Add((int)bits);
                        slots.Add((int)(bits >> 32));
                    }
                    else
                    {
                        words.Add(stems.Add(word.Stem!));
                    }
                }
            }
        }

        _signalCount = starts.Count;
        starts.Add(words.Count);
        _slots = starts.Count + words.Count;
        _data = new int[_slots + slots.Count];
        starts.CopyTo(_data, 0);
        words.CopyTo(_data, starts.Count);
        slots.CopyTo(_data, _slots);
    }

    private int Start(int signal) => _data[signal] & ~NegationFirst;

    private ReadOnlySpan<int> SignalWords(int signal)
    {
        var start = Start(signal);
        return _data.AsSpan(_signalCount + 1 + start, Start(signal + 1) - start);
    }

    /// <summary>The rule a signal belongs to and the signal's text, as that rule wrote it.</summary>
    private (int Rule, string Text) Origin(int signal)
    {
        var ordinal = signal;
        for (var r = 0; ; r++)
        {
            var rule = _comparison.Rules[r];
            if (ordinal < rule.WhenCount)
            {
                return (r, rule.WhenAt(ordinal));
            }

            ordinal -= rule.WhenCount;
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
        var words = _signalCount + 1;
        for (var start = 0; start < context.Count; start++)
        {
            // Signals starting with this word, in the order the rules list them; then those starting with a number
            // slot when the word is a number.
            var stem = stems[start];
            if (stem >= 0)
            {
                for (var signal = 0; signal < _signalCount; signal++)
                {
                    var first = Start(signal);
                    if (first < Start(signal + 1) && _data[words + first] == stem)
                    {
                        Try(context, stems, signal, start, ref byRule, ref matchedSignals);
                    }
                }
            }

            if (context[start].Number is not null && _slots < _data.Length)
            {
                for (var signal = 0; signal < _signalCount; signal++)
                {
                    var first = Start(signal);
                    if (first < Start(signal + 1) && _data[words + first] < 0)
                    {
                        Try(context, stems, signal, start, ref byRule, ref matchedSignals);
                    }
                }
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
        int index,
        int start,
        ref List<(int Rule, List<(WordSpan Span, int Weight, string Signal)> Hits)>? byRule,
        ref List<int>? matchedSignals)
    {
        if (matchedSignals?.Contains(index) == true || !TryMatchAt(index, context, stems, start, out var end))
        {
            return;
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

    /// <summary>
    /// Finds a signal's phrase in the context words, in order, allowing two extra words inside it ("little labelled
    /// training data" still says "little labelled data"), and not right after a negation.
    /// </summary>
    private bool TryMatchAt(int signal, IReadOnlyList<QuestionWord> context, ReadOnlySpan<int> stems, int start, out int end)
    {
        end = start;
        var words = SignalWords(signal);
        if (!Matches(words[0], context, stems, start)
            || ((_data[signal] & NegationFirst) == 0 && IsNegated(context, start)))
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
        word >= 0 ? stems[position] == word : Slot(-1 - word).Matches(context[position]);

    private PatternWord Slot(int slot)
    {
        var at = _slots + (slot * SlotSize);
        var bits = (uint)_data[at + 1] | ((long)_data[at + 2] << 32);
        return PatternWord.Number(Operators[_data[at]], BitConverter.Int64BitsToDouble(bits));
    }

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
