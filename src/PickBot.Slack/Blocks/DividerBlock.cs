namespace PickBot.Slack.Blocks;

public sealed record DividerBlock : Block;
