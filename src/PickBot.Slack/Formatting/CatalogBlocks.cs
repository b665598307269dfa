using System.Text;
using PickBot.Core.Knowledge;
using PickBot.Core.Text;
using PickBot.Slack.Blocks;

namespace PickBot.Slack.Formatting;

/// <summary>The library as a Slack message: comparisons grouped by area, optionally filtered by area or tag.</summary>
public static class CatalogBlocks
{
    public static MessageContent Render(KnowledgeBase kb, string? filter, string askHint = "/pick")
    {
        ArgumentNullException.ThrowIfNull(kb);
        var entries = KnowledgeCatalog.Filter(kb, filter);
        if (entries.Count == 0)
        {
            var message = string.IsNullOrWhiteSpace(filter)
                ? "No comparisons are loaded yet."
                : $"No comparisons in area or tag “{SlackText.Inert(filter)}”. Areas: {string.Join(", ", KnowledgeAreas.All)}.";
            return new MessageContent(message, [BlockLimits.Section(message)]);
        }

        var title = string.IsNullOrWhiteSpace(filter) ? $"Comparisons I know ({entries.Count})" : $"Comparisons for {filter.Trim()} ({entries.Count})";
        var blocks = new List<Block> { BlockLimits.Header(title) };
        foreach (var group in entries.GroupBy(c => c.Area))
        {
            var text = new StringBuilder($"*{SlackText.Escape(group.Key)}*");
            foreach (var c in group)
            {
                text.Append("\n• ").Append(SlackText.Escape(c.Title))
                    .Append(" — `").Append(HelpBlocks.Ask(askHint, SlackText.Escape(string.Join(" vs ", c.OptionIds.Select(kb.OptionName))))).Append('`');
            }

            blocks.Add(BlockLimits.Section(text.ToString()));
        }

        blocks.Add(BlockLimits.Context($"Ask with your context, e.g. `{HelpBlocks.Ask(askHint, SlackText.Escape(string.Join(" vs ", entries[0].OptionIds.Select(kb.OptionName))))} for …`"));
        return new MessageContent(SlackText.Escape(title), BlockLimits.Cap(blocks));
    }
}
