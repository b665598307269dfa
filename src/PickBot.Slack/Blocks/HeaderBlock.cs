namespace PickBot.Slack.Blocks;

/// <summary>Large plain text, at most 150 characters.</summary>
public sealed record HeaderBlock(TextObject Text) : Block;
