namespace PickBot.Core.Conversations;

/// <summary>One message of a conversation PickBot was called into, oldest first, as its transport read it.</summary>
/// <param name="Text">The message as written (Slack markup is fine: the engine strips it).</param>
/// <param name="Author">Who wrote it, as the answer should name them: a display name, or a user id when there is none.</param>
/// <param name="FromPickBot">PickBot's own earlier answer: it tells which comparison is under discussion, never the context.</param>
/// <param name="EntryId">For PickBot's own answers, the comparison it answered, when the transport kept it.</param>
public sealed record ThreadMessage(string Text, string? Author, bool FromPickBot = false, string? EntryId = null);
