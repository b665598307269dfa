namespace PickBot.Slack.WebApi;

/// <summary>
/// chat.postMessage's <c>metadata</c>: PickBot marks its answers with the comparison they answered, so a later read of
/// the thread (conversations.replies with include_all_metadata) knows it without parsing the text.
/// </summary>
public sealed record MessageMetadata(string EventType, AnswerPayload EventPayload)
{
    public const string AnswerEventType = "pickbot_answer";

    public static MessageMetadata Answer(string entryId, string pickId) => new(AnswerEventType, new AnswerPayload(entryId, pickId));
}

/// <summary>What an answer's metadata says: the entry answered and the pick.</summary>
public sealed record AnswerPayload(string Entry, string Pick);
