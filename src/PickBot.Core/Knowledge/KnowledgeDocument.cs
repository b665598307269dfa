namespace PickBot.Core.Knowledge;

/// <summary>The text of one knowledge file and the path it is reported under.</summary>
public sealed record KnowledgeDocument(string Path, string Text);
