namespace PickBot.Core.Rephrasing;

/// <summary>A comparison as the interpreter sees it: its id, its title and the names of its options.</summary>
public sealed record ComparisonChoice(string Id, string Title, IReadOnlyList<string> Options);
