namespace PickBot.Slack.Blocks;

/// <summary>What a message says: Block Kit blocks plus the plain fallback that notifications and screen readers use.</summary>
public sealed record MessageContent(string Text, IReadOnlyList<Block> Blocks)
{
    public static MessageContent PlainText(string text) => new(text, []);
}
