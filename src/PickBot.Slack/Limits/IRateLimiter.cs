namespace PickBot.Slack.Limits;

/// <summary>
/// The per-user limit on <c>/pick</c>. A seam because one process counts in memory, while replicas behind one Slack app
/// must share the count (or a user gets N times the limit).
/// </summary>
public interface IRateLimiter
{
    /// <summary>Counts one question for <paramref name="userId"/>; refused, with the wait until the next is allowed, when over the limit.</summary>
    ValueTask<RateLimitDecision> TryAcquireAsync(string userId, CancellationToken cancellationToken = default);
}

public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow => new(true, TimeSpan.Zero);
}
