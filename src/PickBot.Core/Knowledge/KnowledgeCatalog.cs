using System.Text;

namespace PickBot.Core.Knowledge;

/// <summary>Browsing the library: by area (data, messaging, ...) or by tag, in a stable order.</summary>
public static class KnowledgeCatalog
{
    public static IReadOnlyList<Comparison> Filter(KnowledgeBase kb, string? areaOrTag)
    {
        ArgumentNullException.ThrowIfNull(kb);
        var filter = areaOrTag?.Trim().ToLowerInvariant();
        return kb.Comparisons
            .Where(c => string.IsNullOrEmpty(filter) || c.Area == filter || c.Tags.Any(t => t.Equals(filter, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => KnowledgeAreas.All.ToList().IndexOf(c.Area))
            .ThenBy(c => c.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>One line over a filtered list: how many, or, when none, which areas there are.</summary>
    public static string Summary(int count, string? filter) => (count, string.IsNullOrWhiteSpace(filter)) switch
    {
        (0, true) => "No comparisons are loaded.",
        (0, false) => $"No comparisons in area or tag '{filter!.Trim()}'. Areas: {string.Join(", ", KnowledgeAreas.All)}",
        (_, true) => $"{count} comparisons",
        _ => $"{count} comparisons in area or tag '{filter!.Trim()}'",
    };

    /// <summary>The list for a terminal: comparisons grouped by area, each with the id to look it up by.</summary>
    public static string Render(KnowledgeBase kb, string? filter)
    {
        var entries = Filter(kb, filter);
        if (entries.Count == 0)
        {
            return Summary(0, filter);
        }

        var text = new StringBuilder();
        foreach (var group in entries.GroupBy(c => c.Area))
        {
            text.Append(group.Key).Append(" (").Append(group.Count()).AppendLine(")");
            foreach (var c in group)
            {
                text.Append("  ").Append(c.Title).Append("    id: ").AppendLine(c.Id);
            }
        }

        return text.ToString().TrimEnd();
    }
}
