using System.Text.RegularExpressions;

namespace PickBot.Slack.Tests.Support;

/// <summary>
/// A model of what Slack acts on in a mrkdwn text (docs.slack.dev "Formatting message text"): angle-bracket markup
/// (links, mentions, channels, special commands), bold/italic/strike marks at a word boundary, code marks, a quote at a
/// line's start, emoji codes, and what it links on its own: URLs with a scheme, www. and bare domains, e-mail
/// addresses, @mentions and #channels. Each finding is returned as "kind:text", so two renderings can be compared.
/// </summary>
internal static partial class SlackMarkup
{
    public static IEnumerable<string> Find(string mrkdwn)
    {
        foreach (Match m in Everything().Matches(mrkdwn))
        {
            var kind = m.Groups.Keys.First(k => !char.IsDigit(k[0]) && m.Groups[k].Success);
            yield return $"{kind}:{m.Value}";
        }
    }

    [GeneratedRegex("""
        (?<angle>[<>])
        |(?<scheme>\b[a-z][a-z0-9+.\-]*://|\b(?:mailto|tel|slack):[\p{L}\p{N}/])
        |(?<www>\bwww\.[\p{L}\p{N}])
        |(?<domain>[\p{L}\p{N}\-][.。．｡][\p{L}]{2,})
        |(?<mention>[@#][\p{L}\p{N}_])
        |(?<emoji>:[a-z0-9_+'\-]+:)
        |(?<code>`)
        |(?<format>(?<![\p{L}\p{N}])[*_~]|[*_~](?![\p{L}\p{N}]))
        |(?<quote>(?:^|\n)[ \t]*(?:&gt;|>))
        |(?<entity>&(?!amp;|lt;|gt;))
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex Everything();
}
