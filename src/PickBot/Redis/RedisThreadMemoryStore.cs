using System.Text.Json;
using Microsoft.Extensions.Options;
using PickBot.Core.Conversations;
using PickBot.Slack.Conversations;
using StackExchange.Redis;

namespace PickBot.Redis;

/// <summary>
/// Thread memory shared by replicas: one JSON value per thread that Redis expires after Slack:ThreadMemoryDays, and a
/// time index trimmed to Slack:ThreadMemoryMaxThreads (the oldest go, with their values), all in one script. Throws
/// when Redis is not there; the caller answers without memory then.
/// </summary>
public sealed class RedisThreadMemoryStore(RedisConnection redis, IOptions<SlackConversationOptions> options, TimeProvider time) : IThreadMemoryStore
{
    // KEYS: value, index. ARGV: json, ttl ms, updated ms, conversation, oldest ms, max, value key prefix.
    private const string Save = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
        local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[6])
        if over > 0 then
          for _, c in ipairs(redis.call('ZRANGE', KEYS[2], 0, over - 1)) do
            redis.call('DEL', ARGV[7] .. c)
          end
          redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
        end
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ThreadMemory?> GetAsync(string conversation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversation);
        var value = await Database().StringGetAsync(redis.Key(ValuePrefix + conversation));
        return value.HasValue ? JsonSerializer.Deserialize<ThreadMemory>(value.ToString(), Json) : null;
    }

    public async Task SaveAsync(ThreadMemory memory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var age = options.Value.ThreadMemoryAge;
        await Database().ScriptEvaluateAsync(
            Save,
            [redis.Key(ValuePrefix + memory.Conversation), redis.Key("thread-index")],
            [
                JsonSerializer.Serialize(memory, Json),
                (long)age.TotalMilliseconds,
                memory.UpdatedAt.ToUnixTimeMilliseconds(),
                memory.Conversation,
                (time.GetUtcNow() - age).ToUnixTimeMilliseconds(),
                options.Value.ThreadMemoryMaxThreads,
                redis.Key(ValuePrefix),
            ]);
    }

    private const string ValuePrefix = "thread:";

    private IDatabase Database() =>
        redis.TryGetDatabase() ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "Redis is not connected", null, CommandStatus.Unknown);
}
