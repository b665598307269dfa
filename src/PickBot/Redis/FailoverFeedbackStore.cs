using System.Text.Json;
using PickBot.Core.Feedback;

namespace PickBot.Redis;

/// <summary>
/// Feedback for several replicas: Redis when it answers, local SQLite (<see cref="PendingFeedback"/>) when it does not,
/// so a vote is never lost to an outage; <see cref="SyncAsync"/> moves what was kept locally into Redis. Reads merge both.
/// </summary>
public sealed class FailoverFeedbackStore(
    RedisFeedbackStore shared,
    PendingFeedback local,
    RedisConnection redis,
    ILogger<FailoverFeedbackStore> logger) : IFeedbackStore, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _syncing = new(1, 1);

    public void Dispose() => _syncing.Dispose();

    public async Task RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vote);
        try
        {
            await shared.RecordVoteAsync(vote, cancellationToken);
            redis.ReportHealthy();
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("votes", e);
            await local.AddAsync(PendingFeedback.Vote, vote.Id, JsonSerializer.Serialize(vote, Json), cancellationToken);
            logger.LogWarning("Vote {VoteId} kept in local SQLite until Redis returns", vote.Id);
        }
    }

    public async Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        var id = Guid.NewGuid().ToString("N");
        try
        {
            await shared.RecordUnansweredAsync(id, question);
            redis.ReportHealthy();
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure("unanswered questions", e);
            await local.AddAsync(PendingFeedback.Unanswered, id, JsonSerializer.Serialize(question, Json), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Vote>> VotesAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        var pending = (await local.ReadAsync(PendingFeedback.Vote, cancellationToken: cancellationToken))
            .Select(p => JsonSerializer.Deserialize<Vote>(p.Json, Json)!)
            .Where(v => since is null || v.At >= since);
        var stored = await ReadSharedAsync(() => shared.VotesAsync(since, cancellationToken), "votes");
        return stored.Concat(pending).DistinctBy(v => v.Id).OrderBy(v => v.At).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        var pending = (await local.ReadAsync(PendingFeedback.Unanswered, cancellationToken: cancellationToken))
            .Select(p => JsonSerializer.Deserialize<UnansweredQuestion>(p.Json, Json)!)
            .Where(q => since is null || q.At >= since);
        var stored = await ReadSharedAsync(() => shared.UnansweredAsync(since, cancellationToken), "unanswered questions");
        return stored.Concat(pending).OrderBy(q => q.At).ToList();
    }

    /// <summary>Writes what was kept locally to Redis, oldest first; stops at the first failure. Returns how many moved.</summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken = default)
    {
        await _syncing.WaitAsync(cancellationToken);
        try
        {
            var moved = 0;
            foreach (var item in await local.ReadAsync(max: 500, cancellationToken: cancellationToken))
            {
                try
                {
                    if (item.Kind == PendingFeedback.Vote)
                    {
                        await shared.RecordVoteAsync(JsonSerializer.Deserialize<Vote>(item.Json, Json)!, cancellationToken);
                    }
                    else
                    {
                        await shared.RecordUnansweredAsync(item.Id, JsonSerializer.Deserialize<UnansweredQuestion>(item.Json, Json)!);
                    }
                }
                catch (Exception e) when (RedisFailures.IsOutage(e))
                {
                    redis.ReportFailure("feedback resync", e);
                    break;
                }

                // Removed only after Redis has it: a crash in between means one idempotent write more, never a loss.
                await local.RemoveAsync(item.Seq, cancellationToken);
                moved++;
            }

            if (moved > 0)
            {
                redis.ReportHealthy();
                logger.LogWarning("Synced {Count} vote(s)/question(s) kept locally during a Redis outage", moved);
            }

            return moved;
        }
        finally
        {
            _syncing.Release();
        }
    }

    private async Task<IReadOnlyList<T>> ReadSharedAsync<T>(Func<Task<IReadOnlyList<T>>> read, string what)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (RedisFailures.IsOutage(e))
        {
            redis.ReportFailure(what, e);
            logger.LogWarning("Redis unavailable: listing only the {What} kept locally on this replica", what);
            return [];
        }
    }
}
