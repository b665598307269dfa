using Microsoft.Extensions.Options;
using PickBot.Slack;
using PickBot.Slack.Events;
using StackExchange.Redis;

namespace PickBot.Redis;

/// <summary>
/// Event ids claimed with SET NX and a TTL, so of all replicas (and Socket Mode connections) exactly one answers an
/// event. Every id is also remembered locally: when Redis is down this replica still never answers twice.
/// </summary>
public sealed class RedisEventDeduplicator(RedisConnection redis, InMemoryEventDeduplicator local, IOptions<SlackOptions> slack) : IEventDeduplicator
{
    private readonly TimeSpan _window = slack.Value.EventDedupeWindow;

    public async ValueTask<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var firstHere = await local.TryBeginAsync(eventId, cancellationToken);
        var db = redis.TryGetDatabase();
        if (db is null)
        {
            redis.ReportFailure("event dedupe");
            return firstHere;
        }

        try
        {
            var firstAnywhere = await db.StringSetAsync(redis.Key("event:" + eventId), "1", _window, When.NotExists);
            redis.ReportHealthy();
            return firstAnywhere && firstHere;
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("event dedupe", e);
            return firstHere;
        }
    }

    public async ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        await local.ForgetAsync(eventId, cancellationToken);
        if (redis.TryGetDatabase() is not { } db)
        {
            return;
        }

        try
        {
            await db.KeyDeleteAsync(redis.Key("event:" + eventId));
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("event dedupe", e);
        }
    }
}
