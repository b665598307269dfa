namespace PickBot.Slack.Events;

/// <summary>
/// Work acknowledged to Slack and not yet answered, kept where a crash cannot reach it: written before the ack, removed
/// once answered, and answered at the next start when a crash (even <c>kill -9</c>) came in between. Slack does not
/// deliver an acknowledged event again, so without this a crash loses every question in the queue. A seam because one
/// process keeps it in a local SQLite file while several replicas may keep it in Redis.
/// </summary>
public interface IIntakeJournal
{
    /// <summary>Keeps <paramref name="work"/> (its <see cref="SlackWork.JournalId"/> set) durably before returning.</summary>
    ValueTask AddAsync(SlackWork work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one more attempt at answering: after a crash, an item that was attempted may already be answered, and is
    /// checked with Slack before it is answered again. False when the item is no longer this process's to answer
    /// (a shared journal handed it to another replica while this one seemed dead): then it must not be answered here.
    /// </summary>
    ValueTask<bool> MarkAttemptedAsync(string journalId, CancellationToken cancellationToken = default);

    /// <summary>Forgets an item: it was answered, refused before the ack, or can never be answered.</summary>
    ValueTask RemoveAsync(string journalId, CancellationToken cancellationToken = default);

    /// <summary>Everything still held, oldest first, each with <see cref="SlackWork.Attempts"/> as counted so far.</summary>
    ValueTask<IReadOnlyList<SlackWork>> PendingAsync(CancellationToken cancellationToken = default);
}
