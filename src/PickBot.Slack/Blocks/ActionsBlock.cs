namespace PickBot.Slack.Blocks;

/// <summary>A row of buttons.</summary>
public sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : Block;
