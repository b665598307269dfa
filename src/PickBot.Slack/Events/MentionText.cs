using System.Text.RegularExpressions;

namespace PickBot.Slack.Events;

/// <summary>The question inside a mention: the bot's own mention removed wherever it is ("what do you think, @PickBot?").</summary>
public static partial class MentionText
{
    public static string StripBotMention(string text, string? botUserId)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (botUserId is null)
        {
            // Unknown id: an app_mention starts with the bot's mention in the usual case, so drop a leading one.
            return Spaces().Replace(LeadingMention().Replace(text, string.Empty, 1), " ").Trim();
        }

        var stripped = AnyMention().Replace(text, m => m.Groups[1].Value == botUserId ? " " : m.Value);
        return Spaces().Replace(stripped, " ").Trim();
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")]
    private static partial Regex AnyMention();

    [GeneratedRegex(@"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>")]
    private static partial Regex LeadingMention();
}
