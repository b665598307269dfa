using System.Globalization;
using System.Text.RegularExpressions;
using PickBot.Core.Text;

namespace PickBot.Core.Verdicts;

/// <summary>
/// One compiled signal of a verdict rule: a phrase whose words are stemmed, where a word written as <c>{n&lt;=5}</c>
/// (also <c>&lt;</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>=</c>, or plain <c>{n}</c>) matches a number in that range, so
/// "team of {n&lt;=5}" covers "a team of 3" and "team of four".
/// </summary>
public sealed partial class SignalPattern
{
    private readonly PatternWord[] _words;

    private SignalPattern(string text, PatternWord[] words)
    {
        Text = text;
        _words = words;
    }

    public string Text { get; }

    /// <summary>How specific the signal is: longer phrases outweigh single words.</summary>
    public int Weight => _words.Length;

    internal PatternWord First => _words[0];

    internal ReadOnlySpan<PatternWord> PatternWords => _words;

    internal bool StartsWithNegation => _words[0].Stem is { } stem && Words.Negations.Contains(stem);

    public static bool TryParse(string text, out SignalPattern? pattern, out string? error)
    {
        pattern = null;
        error = null;
        var words = new List<PatternWord>();
        var last = 0;
        // Most signals are plain words: skip the regex (and its match objects) when there is no slot to find.
        var slots = text.Contains('{', StringComparison.Ordinal) ? NumberSlot().Matches(text) : (IEnumerable<Match>)[];
        foreach (var slot in slots)
        {
            if (!TryAddWords(text[last..slot.Index], words, out error))
            {
                return false;
            }

            var op = slot.Groups["op"].Value;
            var bound = slot.Groups["bound"].Value;
            if (op.Length > 0 != bound.Length > 0)
            {
                error = $"number slot '{slot.Value}' needs both a comparison and a number, as in {{n<=5}}";
                return false;
            }

            words.Add(PatternWord.Number(op, bound.Length == 0 ? 0 : double.Parse(bound, CultureInfo.InvariantCulture)));
            last = slot.Index + slot.Length;
        }

        if (!TryAddWords(text[last..], words, out error))
        {
            return false;
        }

        if (words.Count == 0)
        {
            error = "a signal must have at least one word";
            return false;
        }

        pattern = new SignalPattern(text, [.. words]);
        return true;
    }

    private static bool TryAddWords(string part, List<PatternWord> words, out string? error)
    {
        error = null;
        if (part.Contains('{', StringComparison.Ordinal) || part.Contains('}', StringComparison.Ordinal))
        {
            error = $"'{part.Trim()}' is not a number slot; write {{n}}, {{n<=5}}, {{n>=100}} and so on";
            return false;
        }

        foreach (var token in Tokenizer.Tokenize(part))
        {
            var stem = Tokenizer.Stem(token.Value);
            words.Add(PatternWord.Word(stem));
        }

        return true;
    }

    [GeneratedRegex(@"\{\s*n\s*(?<op><=|>=|<|>|=)?\s*(?<bound>\d+(?:\.\d+)?)?\s*\}")]
    private static partial Regex NumberSlot();
}

/// <summary>A word of a pattern: a stem, or a number range.</summary>
internal readonly record struct PatternWord(string? Stem, string? Operator, double Bound)
{
    public static PatternWord Word(string stem) => new(stem, null, 0);

    public static PatternWord Number(string op, double bound) => new(null, op, bound);

    public bool IsNumber => Stem is null;

    public bool Matches(QuestionWord word)
    {
        if (Stem is not null)
        {
            return word.Stem == Stem;
        }

        if (word.Number is not { } value)
        {
            return false;
        }

        return Operator switch
        {
            "<" => value < Bound,
            "<=" => value <= Bound,
            ">" => value > Bound,
            ">=" => value >= Bound,
            "=" => value == Bound,
            _ => true,
        };
    }
}

/// <summary>A word of the question as the rules see it: stemmed, with its value when it is a number.</summary>
internal readonly record struct QuestionWord(string Stem, double? Number, int TokenIndex);
