namespace PickBot.Slack.Events;

/// <summary>What became of one event delivery. Every outcome is acknowledged to Slack with a 2xx.</summary>
public enum DispatchResult
{
    /// <summary>Accepted: queued for an answer.</summary>
    Queued,

    /// <summary>Already accepted under the same event id (a retry): not answered again.</summary>
    Duplicate,

    /// <summary>Nothing to answer: another event type, a bot's message, an edit, PickBot itself.</summary>
    Ignored,

    /// <summary>The queue was full: logged loudly with the event's channel, ts and id.</summary>
    QueueFull,

    /// <summary>Not a usable event (no id, no channel): logged.</summary>
    Invalid,
}
