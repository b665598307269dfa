using System.Text.Json;
using PickBot.Core.Knowledge;

namespace PickBot.Core.Answers;

/// <summary>
/// The catalogue ("list", "list messaging") as JSON, for <c>pickbot ask --json</c> and the playground: beside
/// <see cref="AnswerDocument"/> with <c>"kind": "list"</c>, so a script tells the two apart by one field.
/// </summary>
public sealed record CatalogDocument(
    bool Matched,
    string Kind,
    string Question,
    string Filter,
    string Message,
    IReadOnlyList<CatalogEntryDocument> Entries)
{
    public const string ListKind = "list";

    public static CatalogDocument From(KnowledgeBase kb, string question, string? filter)
    {
        ArgumentNullException.ThrowIfNull(kb);
        var entries = KnowledgeCatalog.Filter(kb, filter);
        return new CatalogDocument(
            false,
            ListKind,
            question,
            filter?.Trim() ?? string.Empty,
            KnowledgeCatalog.Summary(entries.Count, filter),
            entries.Select(c => new CatalogEntryDocument(c.Id, c.Title, c.Area)).ToList());
    }

    public string ToJson() => JsonSerializer.Serialize(this, AnswerDocument.JsonOptions);
}

public sealed record CatalogEntryDocument(string Id, string Title, string Area);
