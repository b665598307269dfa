using System.Text.Json;
using PickBot.Core.Feedback;
using StackExchange.Redis;

namespace PickBot.Redis;

/// <summary>
/// Votes and unanswered questions in Redis, each in a hash keyed by its id (written once, atomically with its place in a
/// time index), so a vote or a resynced question written twice is stored once. Throws when Redis is not there; the
/// failover store decides what to do about that.
/// </summary>
public sealed class RedisFeedbackStore(RedisConnection redis) : IFeedbackStore
{
    // HSETNX and ZADD together, so an entry is never in the hash without its time (or the reverse).
    private const string AddOnce = """
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
          redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
          return 1
        end
        return 0
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return AddAsync("votes", vote.Id, JsonSerializer.Serialize(vote, Json), vote.At);
    }

    public Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken = default) =>
        RecordUnansweredAsync(Guid.NewGuid().ToString("N"), question);

    /// <summary>With an id chosen by the caller, so a question synced again after an outage is not counted twice.</summary>
    public Task RecordUnansweredAsync(string id, UnansweredQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return AddAsync("unanswered", id, JsonSerializer.Serialize(question, Json), question.At);
    }

    public async Task<IReadOnlyList<Vote>> VotesAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        await ReadAsync<Vote>("votes", since);

    public async Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        await ReadAsync<UnansweredQuestion>("unanswered", since);

    private async Task AddAsync(string kind, string id, string json, DateTimeOffset at)
    {
        var db = Database();
        await db.ScriptEvaluateAsync(AddOnce, [redis.Key(kind), redis.Key(kind + ":at")], [id, json, at.ToUnixTimeMilliseconds()]);
    }

    private async Task<List<T>> ReadAsync<T>(string kind, DateTimeOffset? since)
    {
        var db = Database();
        var ids = await db.SortedSetRangeByScoreAsync(redis.Key(kind + ":at"), since?.ToUnixTimeMilliseconds() ?? double.NegativeInfinity);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await db.HashGetAsync(redis.Key(kind), ids);
        return values.Where(v => v.HasValue).Select(v => JsonSerializer.Deserialize<T>(v.ToString(), Json)!).ToList();
    }

    private IDatabase Database() =>
        redis.TryGetDatabase() ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "Redis is not connected", null, CommandStatus.Unknown);
}
