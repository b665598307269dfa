using PickBot.Slack.Blocks;

namespace PickBot.Slack.WebApi;

/// <summary>chat.postMessage arguments. <see cref="ThreadTs"/> is the parent message's ts for a reply in thread.</summary>
public sealed record ChatPostMessage(string Channel, string Text, IReadOnlyList<Block>? Blocks = null, string? ThreadTs = null)
{
    public bool? UnfurlLinks { get; init; } = false;

    /// <summary>What PickBot answered, for its own later reading of the thread.</summary>
    public MessageMetadata? Metadata { get; init; }
}
