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
        pattern = Parse(text, out error) is { } words ? new SignalPattern(text, [.. words]) : null;
        return pattern is not null;
    }

    /// <summary>Whether <paramref name="text"/> parses, without building the pattern: how the loader validates.</summary>
    internal static bool IsValid(string text, out string? error) => Parse(text, out error) is not null;

    /// <summary>The words of the signal in a reused list (valid until the next parse on this thread), or null.</summary>
    private static List<PatternWord>? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;

        // Every signal of every rule is parsed on each load (10,000 files hold about 340,000): reuse the work lists.
        var words = t_words ??= new List<PatternWord>(8);
        words.Clear();
        var last = 0;

        // Most signals are plain words: skip the regex when there is no slot to find. Slots are found without match
        // objects, and the operator and bound are read from the slot's text, whose shape the regex has checked.
        if (text.Contains('{', StringComparison.Ordinal))
        {
            foreach (var slot in NumberSlot().EnumerateMatches(text))
            {
                if (!TryAddWords(text.AsSpan(last, slot.Index - last), words, out error))
                {
                    return null;
                }

                ReadSlot(text.AsSpan(slot.Index, slot.Length), out var op, out var bound);
                if (op.Length > 0 != bound.Length > 0)
                {
                    error = $"number slot '{text.AsSpan(slot.Index, slot.Length)}' needs both a comparison and a number, as in {{n<=5}}";
                    return null;
                }

                words.Add(PatternWord.Number(OperatorText(op), bound.Length == 0 ? 0 : double.Parse(bound, CultureInfo.InvariantCulture)));
                last = slot.Index + slot.Length;
            }
        }

        if (!TryAddWords(text.AsSpan(last), words, out error))
        {
            return null;
        }

        if (words.Count == 0)
        {
            error = "a signal must have at least one word";
            return null;
        }

        return words;
    }

    /// <summary>The operator and bound of a slot the regex matched: '{', spaces, 'n', spaces, operator, spaces, number, spaces, '}'.</summary>
    private static void ReadSlot(ReadOnlySpan<char> slot, out ReadOnlySpan<char> op, out ReadOnlySpan<char> bound)
    {
        var inner = slot[1..^1].Trim()[1..].TrimStart();
        var opLength = 0;
        while (opLength < inner.Length && inner[opLength] is '<' or '>' or '=')
        {
            opLength++;
        }

        op = inner[..opLength];
        bound = inner[opLength..].Trim();
    }

    private static string OperatorText(ReadOnlySpan<char> op) => op switch
    {
        "<=" => "<=",
        ">=" => ">=",
        "<" => "<",
        ">" => ">",
        "=" => "=",
        _ => string.Empty,
    };

    [ThreadStatic]
    private static List<PatternWord>? t_words;

    private static bool TryAddWords(ReadOnlySpan<char> part, List<PatternWord> words, out string? error)
    {
        error = null;
        if (part.ContainsAny('{', '}'))
        {
            error = $"'{part.Trim().ToString()}' is not a number slot; write {{n}}, {{n<=5}}, {{n>=100}} and so on";
            return false;
        }

        foreach (var token in Tokenizer.TokenizeReused(part))
        {
            words.Add(PatternWord.Word(Tokenizer.Stem(token.Value)));
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
