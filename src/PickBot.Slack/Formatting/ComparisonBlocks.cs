using System.Text;
using PickBot.Core.Knowledge;
using PickBot.Core.Text;
using PickBot.Slack.Blocks;

namespace PickBot.Slack.Formatting;

/// <summary>"Show both sides": every option of a comparison with when to use it, pros, cons and examples, then how PickBot decides.</summary>
public static class ComparisonBlocks
{
    public static MessageContent Render(Comparison comparison, KnowledgeBase kb, string? pickId = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(kb);
        var blocks = new List<Block> { BlockLimits.Header(comparison.Title) };
        foreach (var side in comparison.Sides)
        {
            var name = kb.OptionName(side.OptionId);
            var text = new StringBuilder($"*{Escape(name)}*");
            if (side.OptionId == pickId)
            {
                text.Append("  _(my pick for your question)_");
            }

            text.Append("\n*Use it when:* ").Append(Escape(side.UseWhen));
            blocks.Add(BlockLimits.Section(text.ToString()));
            AddList(blocks, "Pros", side.Pros);
            AddList(blocks, "Cons", side.Cons);
            AddList(blocks, "Examples", side.Examples);
            blocks.Add(new DividerBlock());
        }

        var rules = new StringBuilder($"*How I decide:* by default {Escape(kb.OptionName(comparison.DefaultPick))}, because {Escape(comparison.DefaultBecause)}");
        foreach (var rule in comparison.Rules)
        {
            rules.Append("\n• ").Append(string.Join(", ", rule.When.Select(w => $"“{Escape(w)}”")))
                .Append(" → ").Append(Escape(kb.OptionName(rule.Pick)));
        }

        blocks.Add(BlockLimits.Section(rules.ToString()));
        var fallback = $"{comparison.Title}: " + string.Join("; ", comparison.Sides.Select(s => $"{kb.OptionName(s.OptionId)} when {s.UseWhen}"));
        return new MessageContent(BlockLimits.Trim(Escape(fallback), BlockLimits.MaxFallbackText), BlockLimits.Cap(blocks));
    }

    private static void AddList(List<Block> blocks, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var text = new StringBuilder($"*{title}*");
        foreach (var item in items)
        {
            text.Append("\n• ").Append(Escape(item));
        }

        blocks.Add(BlockLimits.Section(text.ToString()));
    }

    private static string Escape(string text) => SlackText.Escape(text);
}
