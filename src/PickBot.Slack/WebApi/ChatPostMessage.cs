using PickBot.Slack.Blocks;

namespace PickBot.Slack.WebApi;

/// <summary>chat.postMessage arguments. <see cref="ThreadTs"/> is the parent message's ts for a reply in thread.</summary>
public sealed record ChatPostMessage(string Channel, string Text, IReadOnlyList<Block>? Blocks = null, string? ThreadTs = null)
{
    public bool? UnfurlLinks { get; init; } = false;

    /// <summary>
    /// Marks the message as PickBot's answer: the event it answers (so a restart can tell it was already posted) and the
    /// comparison and pick (so a later read of the thread knows what was answered without parsing the text).
    /// </summary>
    public MessageMetadata? Metadata { get; init; }
}
