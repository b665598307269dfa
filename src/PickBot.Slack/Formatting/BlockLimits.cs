using PickBot.Slack.Blocks;

namespace PickBot.Slack.Formatting;

/// <summary>
/// Block Kit's size limits. Slack rejects a message that breaks one (invalid_blocks), so long content is trimmed here
/// with a visible marker instead.
/// </summary>
public static class BlockLimits
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;

    /// <summary>Slack truncates longer fallback text; keep it well under the 4000 characters it recommends.</summary>
    public const int MaxFallbackText = 3000;

    public const string TrimMarker = "… (trimmed)";
    public const string ShortTrimMarker = "…";

    public static string Trim(string text, int max, string marker = TrimMarker)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - marker.Length;
        if (cut <= 0)
        {
            return text[..max];
        }

        // Never split a surrogate pair or an escape such as &amp; at the cut.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var amp = text.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
        if (amp >= 0 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        return text[..cut] + marker;
    }

    public static HeaderBlock Header(string text) => new(TextObject.Plain(Trim(text, MaxHeaderText, ShortTrimMarker)));

    public static SectionBlock Section(string mrkdwn) => new(TextObject.Markdown(Trim(mrkdwn, MaxSectionText)));

    public static ContextBlock Context(string mrkdwn) => new([TextObject.Markdown(Trim(mrkdwn, MaxSectionText))]);

    public static ButtonElement Button(string text, string actionId, string? value = null, string? style = null) =>
        new(TextObject.Plain(Trim(text, MaxButtonText, ShortTrimMarker)), actionId, value, style);

    /// <summary>At most 50 blocks: the tail gives way to a note, but a final actions row (the buttons) is kept.</summary>
    public static IReadOnlyList<Block> Cap(IReadOnlyList<Block> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count <= MaxBlocks)
        {
            return blocks;
        }

        var actions = blocks[^1] as ActionsBlock;
        var keep = MaxBlocks - 1 - (actions is null ? 0 : 1);
        var result = blocks.Take(keep).ToList();
        var dropped = blocks.Count - keep - (actions is null ? 0 : 1);
        result.Add(Context($"_{dropped} more block{(dropped == 1 ? string.Empty : "s")} trimmed to fit Slack's limit._"));
        if (actions is not null)
        {
            result.Add(actions);
        }

        return result;
    }
}
