namespace PickBot.Slack.Events;

/// <summary>
/// What became of one event delivery. Every outcome but <see cref="QueueFull"/> is acknowledged to Slack (a 2xx, a
/// Socket Mode ack); <see cref="QueueFull"/> is not, so that Slack delivers the event again.
/// </summary>
public enum DispatchResult
{
    /// <summary>Accepted: queued for an answer.</summary>
    Queued,

    /// <summary>Already accepted under the same event id (a retry): not answered again.</summary>
    Duplicate,

    /// <summary>Nothing to answer: another event type, a bot's message, an edit, PickBot itself.</summary>
    Ignored,

    /// <summary>
    /// Not accepted: the queue stayed full for Slack:EnqueueWait, or PickBot is shutting down. Must NOT be acknowledged;
    /// the event id is forgotten so Slack's redelivery is taken.
    /// </summary>
    QueueFull,

    /// <summary>Not a usable event (no id, no channel): logged.</summary>
    Invalid,
}
