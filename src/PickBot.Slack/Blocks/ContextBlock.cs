namespace PickBot.Slack.Blocks;

/// <summary>Small grey text under the main content.</summary>
public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block;
