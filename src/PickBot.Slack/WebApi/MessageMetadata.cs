namespace PickBot.Slack.WebApi;

/// <summary>
/// Slack message metadata (<c>metadata</c> on chat.postMessage; read back with <c>include_all_metadata</c>): the event
/// an answer belongs to, invisible to people.
/// </summary>
public sealed record MessageMetadata(string EventType, IReadOnlyDictionary<string, string> EventPayload)
{
    public const string AnswerType = "pickbot_answer";

    public static MessageMetadata AnswerTo(string eventId) => new(AnswerType, new Dictionary<string, string>(StringComparer.Ordinal) { ["event_id"] = eventId });
}
