namespace PickBot.Core.Knowledge;

/// <summary>The text of one knowledge file and the path it is reported under.</summary>
/// <param name="Overlay">
/// A workspace's own file: its entries are added to the shared ones, and replace a shared entry with the same id.
/// </param>
public sealed record KnowledgeDocument(string Path, string Text, bool Overlay = false);
