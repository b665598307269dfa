using System.Text.Json;
using Microsoft.Extensions.Options;
using PickBot.Intake;
using PickBot.Slack;
using PickBot.Slack.Events;
using StackExchange.Redis;

namespace PickBot.Redis;

/// <summary>
/// The intake journal in Redis, one hash per replica (<see cref="RedisOptions.ReplicaId"/>): a replica that restarts
/// under the same id answers what it acknowledged, and one that does not come back within
/// <see cref="RedisOptions.ReplicaTimeout"/> has its journal adopted by a live replica (<see cref="AdoptAsync"/>).
/// Whatever Redis refuses goes to the local SQLite journal instead, so an ack is never given for work kept nowhere.
/// </summary>
public sealed class RedisIntakeJournal(
    RedisConnection redis,
    SqliteIntake local,
    IOptions<RedisOptions> options,
    IOptions<SlackOptions> slack,
    TimeProvider time,
    ILogger<RedisIntakeJournal> logger) : IIntakeJournal
{
    // Moves the journals of replicas whose heartbeat lapsed into this one's, one attempt more each, so the new owner
    // checks with Slack before answering (the dead replica may have posted it). Returns the ids it moved.
    private const string Adopt = """
        local moved = {}
        for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          if id ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'alive:' .. id) == 0 then
            local j = ARGV[1] .. 'journal:' .. id
            local a = ARGV[1] .. 'journal-attempts:' .. id
            local entries = redis.call('HGETALL', j)
            for i = 1, #entries, 2 do
              local n = tonumber(redis.call('HGET', a, entries[i]) or '0') + 1
              redis.call('HSET', KEYS[2], entries[i], entries[i + 1])
              redis.call('HSET', KEYS[3], entries[i], n)
              table.insert(moved, entries[i])
            end
            redis.call('DEL', j, a)
            redis.call('SREM', KEYS[1], id)
          end
        end
        return moved
        """;

    // Counts an attempt only while the entry is still this replica's; 0 when another replica adopted it.
    private const string Attempt = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return redis.call('HINCRBY', KEYS[2], ARGV[1], 1) end
        return 0
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly RedisOptions _options = options.Value;

    public string ReplicaId { get; } = options.Value.ReplicaId ?? DefaultReplicaId(local.DatabasePath);

    private RedisKey Entries => redis.Key("journal:" + ReplicaId);

    private RedisKey Attempts => redis.Key("journal-attempts:" + ReplicaId);

    /// <summary>The host name and a digest of the local journal's path: the same after a restart, distinct per data folder.</summary>
    private static string DefaultReplicaId(string localPath)
    {
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(localPath)))[..12];
        var host = new string(Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.').Take(64).ToArray());
        return host + "-" + digest;
    }

    public async ValueTask AddAsync(SlackWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentException.ThrowIfNullOrEmpty(work.JournalId);
        var (kind, json) = JournalCodec.Encode(work);
        var entry = JsonSerializer.Serialize(new Entry(kind, json, time.GetUtcNow().ToUnixTimeMilliseconds()), Json);
        // With the event's claim made to last (see RedisEventDeduplicator) in the same transaction: journaled and
        // confirmed together, so a crash in between cannot leave a short claim on journaled work.
        if (!await TryAsync("intake journal", async db =>
            {
                var batch = db.CreateTransaction();
                _ = batch.HashSetAsync(Entries, work.JournalId, entry);
                if (work is MentionWork mention)
                {
                    _ = batch.KeyExpireAsync(redis.Key("event:" + mention.EventId), slack.Value.EventDedupeWindow);
                }

                await batch.ExecuteAsync();
            }))
        {
            await local.AddAsync(work, cancellationToken);
        }
    }

    public async ValueTask<bool> MarkAttemptedAsync(string journalId, CancellationToken cancellationToken = default)
    {
        await local.MarkAttemptedAsync(journalId, cancellationToken);
        var db = redis.TryGetDatabase();
        if (db is null)
        {
            return true;
        }

        try
        {
            // 0: not in this replica's hash. Either it was adopted, or it lives in the local fallback file.
            var stillMine = (long)await db.ScriptEvaluateAsync(Attempt, [Entries, Attempts], [journalId]) > 0;
            return stillMine || await local.ContainsAsync(journalId, cancellationToken);
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("intake journal", e);
            return true;
        }
    }

    public async ValueTask RemoveAsync(string journalId, CancellationToken cancellationToken = default)
    {
        await local.RemoveAsync(journalId, cancellationToken);
        if (!await TryAsync("intake journal", async db =>
            {
                var batch = db.CreateTransaction();
                _ = batch.HashDeleteAsync(Entries, journalId);
                _ = batch.HashDeleteAsync(Attempts, journalId);
                await batch.ExecuteAsync();
            }))
        {
            logger.LogWarning("Answered item {JournalId} could not be removed from the Redis journal; after a restart it is checked with Slack before any second answer", journalId);
        }
    }

    /// <summary>This replica's entries in Redis (after a heartbeat, so nobody adopts them meanwhile) and in the local file.</summary>
    public async ValueTask<IReadOnlyList<SlackWork>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<(long At, SlackWork Work)>();
        await TryAsync("intake journal", async db =>
        {
            await HeartbeatAsync(db);
            items.AddRange(await ReadAsync(db, null));
        });
        return items.OrderBy(i => i.At).Select(i => i.Work).Concat(await local.PendingAsync(cancellationToken)).ToList();
    }

    /// <summary>Says this replica is alive, and takes over the journals of replicas that stopped saying so.</summary>
    public async Task<IReadOnlyList<SlackWork>> AdoptAsync()
    {
        var adopted = new List<SlackWork>();
        await TryAsync("intake journal", async db =>
        {
            await HeartbeatAsync(db);
            var moved = (RedisValue[]?)await db.ScriptEvaluateAsync(Adopt, [redis.Key("journals"), Entries, Attempts], [redis.Key(string.Empty).ToString(), ReplicaId]) ?? [];
            if (moved.Length > 0)
            {
                adopted.AddRange((await ReadAsync(db, moved)).OrderBy(i => i.At).Select(i => i.Work));
                logger.LogWarning("Adopted {Count} unanswered Slack item(s) from a replica that stopped (no heartbeat for {Timeout})", moved.Length, _options.ReplicaTimeout);
            }
        });
        return adopted;
    }

    private async Task HeartbeatAsync(IDatabase db)
    {
        await db.StringSetAsync(redis.Key("alive:" + ReplicaId), "1", _options.ReplicaTimeout);
        await db.SetAddAsync(redis.Key("journals"), ReplicaId);
    }

    private async Task<List<(long At, SlackWork Work)>> ReadAsync(IDatabase db, RedisValue[]? only)
    {
        var entries = only is null
            ? (await db.HashGetAllAsync(Entries)).Select(e => (e.Name, e.Value)).ToList()
            : only.Zip(await db.HashGetAsync(Entries, only), (name, value) => (name, value)).Where(e => e.value.HasValue).ToList();
        var attempts = (await db.HashGetAllAsync(Attempts)).ToDictionary(a => a.Name.ToString(), a => (int)a.Value, StringComparer.Ordinal);
        var items = new List<(long, SlackWork)>();
        foreach (var (name, value) in entries)
        {
            var id = name.ToString();
            var entry = JsonSerializer.Deserialize<Entry>(value.ToString(), Json);
            if (entry is not null && JournalCodec.Decode(id, entry.Kind, entry.Json, attempts.GetValueOrDefault(id)) is { } work)
            {
                items.Add((entry.At, work));
            }
            else
            {
                logger.LogError("Redis journal entry {Id} could not be read; skipped", id);
            }
        }

        return items;
    }

    private async Task<bool> TryAsync(string what, Func<IDatabase, Task> call)
    {
        if (redis.TryGetDatabase() is not { } db)
        {
            redis.ReportFailure(what);
            return false;
        }

        try
        {
            await call(db);
            redis.ReportHealthy();
            return true;
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure(what, e);
            return false;
        }
    }

    private sealed record Entry(string Kind, string Json, long At);
}
