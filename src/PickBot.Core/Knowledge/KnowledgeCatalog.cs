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
}
