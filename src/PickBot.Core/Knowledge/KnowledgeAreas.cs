namespace PickBot.Core.Knowledge;

/// <summary>The areas the library is grouped by in <c>list</c>. A closed set, so that a typo does not open a new group.</summary>
public static class KnowledgeAreas
{
    public static readonly IReadOnlyList<string> All =
    [
        "data", "messaging", "apis", "architecture", "delivery", "infrastructure", "frontend", "languages", "ml", "process",
        "security", "mobile", "testing", "data-engineering", "cloud", "observability",
    ];
}
