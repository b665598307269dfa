namespace PickBot.Slack.WebApi;

/// <summary>One page of conversations.replies: the thread whose parent is at <see cref="Ts"/>, messages before <see cref="Latest"/>.</summary>
public sealed record ConversationsReplies(string Channel, string Ts, string? Latest = null, string? Cursor = null, int Limit = 200);

/// <summary>
/// A page of a thread, oldest first. On <c>ok:false</c>, <see cref="Status"/> has Slack's error and
/// <see cref="NeededScope"/> the scope Slack says is missing (<c>needed</c>), when it says.
/// </summary>
public sealed record ConversationsRepliesPage(SlackApiResult Status, IReadOnlyList<ThreadReply> Messages, string? NextCursor, string? NeededScope);

/// <summary>One message of a thread as PickBot reads it.</summary>
/// <param name="EntryId">PickBot's own answers carry the comparison they answered in their message metadata.</param>
public sealed record ThreadReply(string Ts, string? User, string? BotId, string? Subtype, string Text, string? EntryId);
