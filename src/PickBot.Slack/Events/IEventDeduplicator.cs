namespace PickBot.Slack.Events;

/// <summary>
/// Remembers which event ids were already accepted, so a delivery Slack retries is acknowledged but answered once. A
/// seam because one process can remember in memory while several replicas need a shared store.
/// </summary>
public interface IEventDeduplicator
{
    /// <summary>True the first time an id is seen within the window; false for a repeat.</summary>
    ValueTask<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Forgets an id whose work was not accepted, so a later delivery of it may still be answered.</summary>
    ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The work was accepted (journaled and queued): the claim now holds for the whole window. Until then a store may
    /// let the claim lapse quickly, so a claimant that died before accepting does not block Slack's next retry.
    /// </summary>
    ValueTask ConfirmAsync(string eventId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
