namespace PickBot.Slack.Limits;

/// <summary>
/// Per-user limits on questions. A seam because one process counts in memory, while replicas behind one Slack app must
/// share the count (or a user gets N times the limit).
/// </summary>
public interface IRateLimiter
{
    /// <summary>True when <paramref name="userId"/> may ask now (and counts the question); false when over the limit.</summary>
    ValueTask<bool> TryAcquireAsync(string userId, CancellationToken cancellationToken = default);
}
