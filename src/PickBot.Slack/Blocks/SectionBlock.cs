namespace PickBot.Slack.Blocks;

/// <summary>A paragraph of mrkdwn, at most 3000 characters.</summary>
public sealed record SectionBlock(TextObject Text) : Block;
