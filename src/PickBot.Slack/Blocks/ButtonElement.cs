namespace PickBot.Slack.Blocks;

/// <summary>A button; clicking it sends a block_actions payload with <see cref="ActionId"/> and <see cref="Value"/>.</summary>
public sealed record ButtonElement(TextObject Text, string ActionId, string? Value = null, string? Style = null)
{
    public string Type { get; init; } = "button";
}
