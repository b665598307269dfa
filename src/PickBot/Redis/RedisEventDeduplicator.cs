using Microsoft.Extensions.Options;
using PickBot.Slack;
using PickBot.Slack.Events;
using StackExchange.Redis;

namespace PickBot.Redis;

/// <summary>
/// Event ids claimed with SET NX, so of all replicas (and Socket Mode connections) exactly one answers an event. The
/// local claim comes first and decides alone among this replica's deliveries: a repeat here never reaches Redis, so two
/// deliveries cannot each win half (one the local claim, the other Redis) and leave the event to nobody. A Redis claim
/// is short (<see cref="RedisOptions.ClaimTimeout"/>) until the work is journaled, then holds for the dedupe window: a
/// replica that dies in between blocks Slack's next retry for seconds, not an hour. When Redis fails, the local
/// claim (durable, see the intake journal) decides alone: this replica still never answers twice.
/// </summary>
public sealed class RedisEventDeduplicator(RedisConnection redis, IEventDeduplicator local, IOptions<SlackOptions> slack, IOptions<RedisOptions> options) : IEventDeduplicator
{
    // Deletes a claim only if this process made it: a late Forget must not free another replica's claim.
    private const string DeleteOwn = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly TimeSpan _window = slack.Value.EventDedupeWindow;
    private readonly TimeSpan _claim = options.Value.ClaimTimeout < slack.Value.EventDedupeWindow ? options.Value.ClaimTimeout : slack.Value.EventDedupeWindow;
    private readonly string _owner = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (!await local.TryBeginAsync(eventId, cancellationToken))
        {
            return false;
        }

        var db = redis.TryGetDatabase();
        if (db is null)
        {
            redis.ReportFailure("event dedupe");
            return true;
        }

        bool firstAnywhere;
        try
        {
            firstAnywhere = await db.StringSetAsync(Key(eventId), _owner, _claim, When.NotExists);
            redis.ReportHealthy();
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("event dedupe", e);
            return true;
        }

        if (!firstAnywhere)
        {
            // Another replica has it. Should it never answer, its claim lapses and Slack's retry finds both stores free.
            await local.ForgetAsync(eventId, CancellationToken.None);
        }

        return firstAnywhere;
    }

    public async ValueTask ConfirmAsync(string eventId, CancellationToken cancellationToken = default)
    {
        await local.ConfirmAsync(eventId, cancellationToken);
        await TryAsync(db => db.KeyExpireAsync(Key(eventId), _window));
    }

    public async ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        await local.ForgetAsync(eventId, cancellationToken);
        await TryAsync(db => db.ScriptEvaluateAsync(DeleteOwn, [Key(eventId)], [_owner]));
    }

    private RedisKey Key(string eventId) => redis.Key("event:" + eventId);

    private async Task TryAsync(Func<IDatabase, Task> call)
    {
        if (redis.TryGetDatabase() is not { } db)
        {
            return;
        }

        try
        {
            await call(db);
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("event dedupe", e);
        }
    }
}
