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
