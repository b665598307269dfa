using System.Buffers.Binary;
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
/// of a rule set lives in one byte array of variable-length numbers (signal words are numbers from the library's
/// <see cref="StemTable"/>, number slots follow the signals), and a signal's text is the rule's own
/// <see cref="VerdictRule.When"/> item, found again by its position. A comparison has a few dozen signals, so a
/// question decodes them once and finds the ones starting with each of its words by scanning their first words: an
/// index by first word cost more memory than the signals.
/// </remarks>
public sealed class RuleSet
{
    // A number slot ({n<=5}) is nine bytes: the comparison's code, then the bound.
    private const int SlotSize = 9;

    // Signals decoded for one question: three ints each, the offset of its words, its word count and its first word.
    private const int Decoded = 3;

    // The comparisons a slot may make, by their code; the first, none, matches any number.
    private static readonly string[] Operators = [string.Empty, "<", "<=", ">", ">=", "="];

    private readonly Comparison _comparison;
    private readonly StemTable _stems;

    // Each signal in turn, numbered by its position among all the rules' When items: a header (word count times two,
    // plus one when its first word is a negation, as in "no budget", so that a negation before it does not deny it),
    // then its words, each a stem number times two or a slot number times two plus one. A signal that does not parse
    // has no words and never matches. Then, from _slots, the number slots. Numbers are 7 bits a byte, low first.
    private readonly byte[] _data;
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
        var signals = new List<int>();
        var slots = new List<(int Op, double Bound)>();
        for (var r = 0; r < comparison.Rules.Count; r++)
        {
            var rule = comparison.Rules[r];
            for (var i = 0; i < rule.WhenCount; i++)
            {
                _signalCount++;
                if (!SignalPattern.TryParse(rule.WhenAt(i), out var pattern, out _) || pattern is null)
                {
                    signals.Add(0);
                    continue;
                }

                var words = pattern.PatternWords;
                signals.Add((words.Length << 1) | (pattern.StartsWithNegation ? 1 : 0));
                foreach (var word in words)
                {
                    if (word.IsNumber)
                    {
                        signals.Add((slots.Count << 1) | 1);
                        slots.Add((Math.Max(0, Array.IndexOf(Operators, word.Operator ?? string.Empty)), word.Bound));
                    }
                    else
                    {
                        signals.Add(stems.Add(word.Stem!) << 1);
                    }
                }
            }
        }

        var size = slots.Count * SlotSize;
        foreach (var value in signals)
        {
            size += Utf8Block.VarSize(value);
        }

        _data = new byte[size];
        var at = 0;
        foreach (var value in signals)
        {
            Utf8Block.WriteVar(_data, ref at, value);
        }

        _slots = at;
        foreach (var (op, bound) in slots)
        {
            _data[at] = (byte)op;
            BinaryPrimitives.WriteDoubleLittleEndian(_data.AsSpan(at + 1), bound);
            at += SlotSize;
        }
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

    /// <summary>A signal word as a number: a stem number, or -1 - k for number slot k.</summary>
    private int ReadWord(ref int at)
    {
        var value = Utf8Block.ReadVar(_data, ref at);
        return (value & 1) == 0 ? value >> 1 : -1 - (value >> 1);
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

        // Where each signal's words are, how many, and the first: decoded once for all the context words.
        Span<int> signals = _signalCount <= 256 ? stackalloc int[_signalCount * Decoded] : new int[_signalCount * Decoded];
        var negationFirst = _signalCount <= 512 ? stackalloc bool[_signalCount] : new bool[_signalCount];
        var anyNumberFirst = false;
        for (int signal = 0, at = 0; signal < _signalCount; signal++)
        {
            var header = Utf8Block.ReadVar(_data, ref at);
            var count = header >> 1;
            negationFirst[signal] = (header & 1) != 0;
            signals[signal * Decoded] = at;
            signals[(signal * Decoded) + 1] = count;
            var first = -1;
            for (var k = 0; k < count; k++)
            {
                var word = ReadWord(ref at);
                first = k == 0 ? word : first;
            }

            signals[(signal * Decoded) + 2] = first;
            anyNumberFirst |= count > 0 && first < 0;
        }

        // A comparison has a handful of rules and a few dozen signals: lists searched in place cost less than the
        // dictionary, hash set and LINQ sort they replace, and this runs for every question.
        List<(int Rule, List<(WordSpan Span, int Weight, string Signal)> Hits)>? byRule = null;
        List<int>? matchedSignals = null;
        for (var start = 0; start < context.Count; start++)
        {
            // Signals starting with this word, in the order the rules list them; then those starting with a number
            // slot when the word is a number.
            var stem = stems[start];
            if (stem >= 0)
            {
                for (var signal = 0; signal < _signalCount; signal++)
                {
                    if (signals[(signal * Decoded) + 1] > 0 && signals[(signal * Decoded) + 2] == stem)
                    {
                        Try(context, stems, signals, negationFirst[signal], signal, start, ref byRule, ref matchedSignals);
                    }
                }
            }

            if (context[start].Number is not null && anyNumberFirst)
            {
                for (var signal = 0; signal < _signalCount; signal++)
                {
                    if (signals[(signal * Decoded) + 1] > 0 && signals[(signal * Decoded) + 2] < 0)
                    {
                        Try(context, stems, signals, negationFirst[signal], signal, start, ref byRule, ref matchedSignals);
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
        ReadOnlySpan<int> signals,
        bool negationFirst,
        int index,
        int start,
        ref List<(int Rule, List<(WordSpan Span, int Weight, string Signal)> Hits)>? byRule,
        ref List<int>? matchedSignals)
    {
        if (matchedSignals?.Contains(index) == true)
        {
            return;
        }

        var count = signals[(index * Decoded) + 1];
        Span<int> words = count <= 64 ? stackalloc int[count] : new int[count];
        var at = signals[index * Decoded];
        for (var k = 0; k < count; k++)
        {
            words[k] = ReadWord(ref at);
        }

        if (!TryMatchAt(words, negationFirst, context, stems, start, out var end))
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

        hits.Add((new WordSpan(context[start].TokenIndex, context[end - 1].TokenIndex + 1), count, text));
    }

    /// <summary>
    /// Finds a signal's phrase in the context words, in order, allowing two extra words inside it ("little labelled
    /// training data" still says "little labelled data"), and not right after a negation.
    /// </summary>
    private bool TryMatchAt(ReadOnlySpan<int> words, bool negationFirst, IReadOnlyList<QuestionWord> context, ReadOnlySpan<int> stems, int start, out int end)
    {
        end = start;
        if (!Matches(words[0], context, stems, start) || (!negationFirst && IsNegated(context, start)))
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
        return PatternWord.Number(Operators[_data[at]], BinaryPrimitives.ReadDoubleLittleEndian(_data.AsSpan(at + 1)));
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
