using Microsoft.Extensions.Options;
using PickBot.Slack.Limits;

namespace PickBot.Redis;

/// <summary>
/// The per-user fixed window counted in Redis (INCR with an expiry), so N replicas allow a user the limit once, not N
/// times. Counts locally while Redis is down: the limit then holds per replica.
/// </summary>
public sealed class RedisRateLimiter(RedisConnection redis, InMemoryRateLimiter local, IOptions<RateLimitOptions> options, TimeProvider time) : IRateLimiter
{
    private const string Count = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    private readonly RateLimitOptions _options = options.Value;

    public async ValueTask<bool> TryAcquireAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (redis.TryGetDatabase() is not { } db)
        {
            redis.ReportFailure("rate limits");
            return await local.TryAcquireAsync(userId, cancellationToken);
        }

        var window = InMemoryRateLimiter.WindowIndex(time.GetUtcNow(), _options.Window);
        try
        {
            var count = (long)await db.ScriptEvaluateAsync(Count, [redis.Key($"rate:{userId}:{window}")], [(long)(_options.Window.TotalMilliseconds * 2)]);
            redis.ReportHealthy();
            return count <= _options.PerUser;
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("rate limits", e);
            return await local.TryAcquireAsync(userId, cancellationToken);
        }
    }
}
