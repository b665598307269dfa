using PickBot.Slack.WebApi;

namespace PickBot.Slack.Conversations;

/// <summary>A thread as read: its first message and the most recent replies before the mention, oldest first; or why not.</summary>
/// <param name="Problem">Slack's error when the thread could not be read (missing_scope, not_in_channel, ...), else null.</param>
public sealed record ThreadRead(IReadOnlyList<ThreadReply> Messages, string? Problem)
{
    public bool Ok => Problem is null;
}
