namespace PickBot.Slack.WebApi;

/// <summary>
/// Slack message metadata (<c>metadata</c> on chat.postMessage; read back with <c>include_all_metadata</c>), invisible
/// to people: PickBot marks each answer with the event it answers, so that a restart can tell it was already posted,
/// and with the comparison and pick, so that a later read of the thread knows what was answered without parsing text.
/// </summary>
public sealed record MessageMetadata(string EventType, IReadOnlyDictionary<string, string> EventPayload)
{
    public const string AnswerType = "pickbot_answer";

    /// <param name="eventId">The event answered; null for an answer that is not to an event.</param>
    /// <param name="entryId">The comparison answered, when the answer was a pick.</param>
    /// <param name="pickId">The pick, with <paramref name="entryId"/>.</param>
    public static MessageMetadata Answer(string? eventId, string? entryId = null, string? pickId = null)
    {
        var payload = new Dictionary<string, string>(StringComparer.Ordinal);
        if (eventId is not null)
        {
            payload["event_id"] = eventId;
        }

        if (entryId is not null && pickId is not null)
        {
            payload["entry"] = entryId;
            payload["pick"] = pickId;
        }

        return new(AnswerType, payload);
    }
}
