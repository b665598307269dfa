using System.Globalization;
using System.Text;

namespace PickBot.Core.Text;

/// <summary>
/// Splits text into lower-case words the same way for questions, aliases and rule signals, so that they meet.
/// Technology names keep their punctuation where it is part of the name: <c>c++</c>, <c>c#</c>, <c>node.js</c>, <c>.net</c>.
/// Hyphens, slashes and underscores separate words, so "multi-task" and "multi task" tokenise alike.
/// </summary>
public static class Tokenizer
{
    // One builder per thread: tokenising runs for every question and for every signal of every rule at load time.
    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static List<Token>? t_tokens;

    public static List<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        Tokenize(text, tokens);
        return tokens;
    }

    /// <summary>Adds the tokens of <paramref name="text"/> to <paramref name="tokens"/>.</summary>
    private static void Tokenize(ReadOnlySpan<char> text, List<Token> tokens)
    {
        var builder = t_builder ??= new StringBuilder(32);
        var i = 0;
        while (i < text.Length)
        {
            if (!StartsWord(text, i))
            {
                i++;
                continue;
            }

            var start = i;
            builder.Clear();
            if (text[i] == '.')
            {
                builder.Append('.');
                i++;
            }

            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    AppendLower(builder, c);
                    i++;
                }
                else if (IsApostrophe(c) && i + 1 < text.Length && char.IsLetter(text[i + 1]) && builder.Length > 0)
                {
                    if ((text[i + 1] is 's' or 'S') && (i + 2 == text.Length || !char.IsLetter(text[i + 2])))
                    {
                        // "service's" and "it's" are "service" and "it": a possessive is not a plural.
                        i += 2;
                        break;
                    }

                    // "don't" is one word: drop the apostrophe.
                    i++;
                }
                else if (c == ',' && IsThousands(text, i, builder))
                {
                    // "200,000" is one number.
                    i++;
                }
                else if (c == '.' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && builder.Length > 0)
                {
                    builder.Append('.');
                    i++;
                }
                else if ((c == '+' || c == '#') && builder.Length > 0 && char.IsLetter(text[i - 1]))
                {
                    // c++, c#, f#: the marks belong to the name, but only right after letters.
                    while (i < text.Length && (text[i] == '+' || text[i] == '#'))
                    {
                        builder.Append(text[i]);
                        i++;
                    }

                    break;
                }
                else
                {
                    break;
                }
            }

            if (builder.Length > 0 && !(builder.Length == 1 && builder[0] == '.'))
            {
                tokens.Add(new Token(builder.ToString(), start, i - start));
            }
        }
    }

    /// <summary>Tokens joined with single spaces: the normal form of a phrase.</summary>
    public static string Normalize(string text) => Join(text, ' ');

    /// <summary>Tokens joined with nothing between them: "Multi-Task learning" and "multitask learning" meet here.</summary>
    public static string Compact(string text) => Join(text, null);

    /// <summary>A light English stemmer, enough for "filters" to meet "filter" and "queries" to meet "query".</summary>
    public static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        }

        if (word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }

    /// <summary>
    /// The tokens of <paramref name="text"/> in this thread's reused list: valid until the next call on the thread.
    /// For the callers that run for every signal of every rule at load time.
    /// </summary>
    internal static List<Token> TokenizeReused(ReadOnlySpan<char> text)
    {
        var tokens = t_tokens ??= new List<Token>(8);
        tokens.Clear();
        Tokenize(text, tokens);
        return tokens;
    }

    private static string Join(string text, char? separator)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = TokenizeReused(text);
        if (tokens.Count <= 1)
        {
            return tokens.Count == 0 ? string.Empty : tokens[0].Value;
        }

        var length = separator is null ? 0 : tokens.Count - 1;
        foreach (var token in tokens)
        {
            length += token.Value.Length;
        }

        return string.Create(length, (tokens, separator), static (span, state) =>
        {
            var at = 0;
            foreach (var token in state.tokens)
            {
                if (at > 0 && state.separator is { } c)
                {
                    span[at++] = c;
                }

                token.Value.CopyTo(span[at..]);
                at += token.Value.Length;
            }
        });
    }

    private static bool StartsWord(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }

        // ".net" starts a word only where the dot does not follow a word character.
        return c == '.' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
    }

    private static bool IsThousands(ReadOnlySpan<char> text, int comma, StringBuilder builder)
    {
        if (builder.Length == 0 || !char.IsAsciiDigit(builder[^1]))
        {
            return false;
        }

        for (var k = 1; k <= 3; k++)
        {
            if (comma + k >= text.Length || !char.IsAsciiDigit(text[comma + k]))
            {
                return false;
            }
        }

        return comma + 4 >= text.Length || !char.IsAsciiDigit(text[comma + 4]);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static void AppendLower(StringBuilder builder, char c)
    {
        if (c < 128)
        {
            builder.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        }
        else
        {
            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }
    }
}
