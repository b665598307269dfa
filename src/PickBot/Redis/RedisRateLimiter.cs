using Microsoft.Extensions.Options;
using PickBot.Slack.Admin;
using PickBot.Slack.Limits;

namespace PickBot.Redis;

/// <summary>
/// The per-user <c>/pick</c> limit (Slack:PickRequestsPerMinute) as a one-minute fixed window counted in Redis (INCR
/// with an expiry), so N replicas allow a user the limit once, not N times. Counts locally while Redis is down: the
/// limit then holds per replica.
/// </summary>
public sealed class RedisRateLimiter(RedisConnection redis, UserRateLimiter local, IOptions<SlackAdminOptions> options, TimeProvider time) : IRateLimiter
{
    private const string Count = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async ValueTask<RateLimitDecision> TryAcquireAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (redis.TryGetDatabase() is not { } db)
        {
            redis.ReportFailure("rate limits");
            return await local.TryAcquireAsync(userId, cancellationToken);
        }

        var limit = options.Value.PickRequestsPerMinute;
        if (limit <= 0)
        {
            return RateLimitDecision.Allow;
        }

        // A fixed window numbered the same on every replica: the count for this minute is one key for all of them.
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)Window.TotalMilliseconds;
        var window = now / windowMs;
        try
        {
            var count = (long)await db.ScriptEvaluateAsync(Count, [redis.Key($"rate:{userId}:{window}")], [windowMs * 2]);
            redis.ReportHealthy();
            return count <= limit ? RateLimitDecision.Allow : new RateLimitDecision(false, TimeSpan.FromMilliseconds(((window + 1) * windowMs) - now));
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("rate limits", e);
            return await local.TryAcquireAsync(userId, cancellationToken);
        }
    }
}
