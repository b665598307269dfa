using System.Text;
using System.Text.RegularExpressions;

namespace PickBot.Core.Text;

/// <summary>
/// Turns Slack's message markup into the plain words a person meant. Mentions, channel links, special commands and
/// emoji codes are noise for understanding a question; a link keeps its label; formatting marks go; entities decode.
/// </summary>
public static partial class SlackText
{
    public static string ToPlain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !MayHaveMarkup(text))
        {
            return text;
        }

        var plain = AngleMarkup().Replace(text, static m =>
        {
            var inner = m.Groups[1].Value;
            if (inner.StartsWith('@') || inner.StartsWith('#') || inner.StartsWith('!'))
            {
                return " ";
            }

            var bar = inner.IndexOf('|', StringComparison.Ordinal);
            return bar >= 0 ? " " + inner[(bar + 1)..] + " " : " ";
        });
        plain = EmojiCode().Replace(plain, " ");

        // Struck-through words are words the person took back: "~REST~ GraphQL vs gRPC" names two options, not three.
        plain = StruckThrough().Replace(plain, " ");
        plain = FormattingMarks().Replace(plain, " ");
        plain = plain.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
        return ControlCharacters().Replace(plain, " ");
    }

    /// <summary>
    /// Whether any of the rewrites below could apply: each needs one of these characters, or a character outside
    /// printable ASCII (control and format characters). Plain questions, the common case, skip four regex passes.
    /// </summary>
    private static bool MayHaveMarkup(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' or '<' or '>' or ':' or '*' or '_' or '~' or '`' or '&')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Escapes what a person typed before it is echoed back, so that "&lt;!channel&gt;" or a fake mention pings nobody.
    /// Slack asks for exactly these three characters to be escaped.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Most text has none of the three: one vectorised search instead of three.
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>Invisible and unbreakable: splits what Slack's linker would read as one link, emoji code or mention.</summary>
    public const char WordJoiner = '\u2060';

    /// <summary>
    /// What a person (or the LLM) wrote, made inert for mrkdwn and for a message's top-level text, so that it reads as
    /// written but Slack makes nothing of it: escaped as <see cref="Escape"/>; a formatting mark that could open or
    /// close bold, italics, strike or code becomes its look-alike (∗ ˍ ∼ ˋ, and › for a quote at a line's start); a word
    /// joiner follows every '.', ':', '@', '#' and '/' that runs into a word, so no URL, domain, e-mail, mention,
    /// channel or emoji code is left whole; control characters become spaces and bidirectional overrides go. Marks
    /// inside a word (node_modules, a*b) stay: Slack formats only at word boundaries.
    /// </summary>
    /// <param name="keepLines">Keep line breaks (the LLM's paragraphs); otherwise the text stays on one line.</param>
    public static string Inert(string text, bool keepLines = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MayNeedInert(text))
        {
            return text;
        }

        var inert = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var before = i > 0 ? text[i - 1] : ' ';
            var after = i + 1 < text.Length ? text[i + 1] : ' ';
            switch (c)
            {
                case '&':
                    inert.Append("&amp;");
                    break;
                case '<':
                    inert.Append("&lt;");
                    break;
                case '>':
                    inert.Append(lineStart ? "›" : "&gt;");
                    break;
                case '`':
                    inert.Append('ˋ');
                    break;
                case '*' or '_' or '~':
                    inert.Append(char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after) ? c : LookAlike(c));
                    break;
                case '.' or ':' or '@' or '#' or '/' or '。' or '．' or '｡':
                    inert.Append(c);
                    if (char.IsLetterOrDigit(after) || after is '/' or '@' or '#' or ':' or '.' or '_' or '-' or '+' or '\'' or '`')
                    {
                        inert.Append(WordJoiner);
                    }

                    break;
                case '\n' when keepLines:
                    inert.Append('\n');
                    lineStart = true;
                    continue;
                case >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069':
                    break;
                default:
                    inert.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
                    break;
            }

            // Spaces and invisible characters before it still leave a '>' at the start of its line.
            lineStart &= c != '\n' && (char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
        }

        return inert.ToString();
    }

    private static char LookAlike(char mark) => mark switch
    {
        '*' => '∗',
        '_' => 'ˍ',
        _ => '∼',
    };

    /// <summary>Plain words, spaces and harmless punctuation, the common case, need nothing.</summary>
    private static bool MayNeedInert(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' or '&' or '<' or '>' or '`' or '*' or '_' or '~' or '.' or ':' or '@' or '#' or '/')
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"<([^<>\s][^<>]*)>")]
    private static partial Regex AngleMarkup();

    // An emoji code has at least one letter, so clock times such as 10:30:00 survive.
    [GeneratedRegex(@":(?:[+\-]1|(?=[a-z0-9_+'\-]*[a-z])[a-z0-9_+'\-]+):", RegexOptions.IgnoreCase)]
    private static partial Regex EmojiCode();

    // Bold, italics, strike and code marks only where they wrap words, so "c++", "node_modules" and "a*b" keep theirs.
    [GeneratedRegex(@"(?<![\w*_~`])[*_~`]+(?=\S)|(?<=\S)[*_~`]+(?![\w*_~`])")]
    private static partial Regex FormattingMarks();

    [GeneratedRegex(@"(?<![\w~])~[^~\n]+~(?![\w~])")]
    private static partial Regex StruckThrough();

    [GeneratedRegex(@"[\p{Cc}\p{Cf}]")]
    private static partial Regex ControlCharacters();
}
