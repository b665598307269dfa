using PickBot.Slack.Blocks;

namespace PickBot.Slack.WebApi;

/// <summary>chat.postMessage arguments. <see cref="ThreadTs"/> is the parent message's ts for a reply in thread.</summary>
public sealed record ChatPostMessage(string Channel, string Text, IReadOnlyList<Block>? Blocks = null, string? ThreadTs = null)
{
    public bool? UnfurlLinks { get; init; } = false;

    /// <summary>Marks the message as the answer to an event, so a restart can tell an answer was already posted.</summary>
    public MessageMetadata? Metadata { get; init; }
}
