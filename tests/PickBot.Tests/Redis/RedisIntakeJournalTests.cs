using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PickBot.Intake;
using PickBot.Redis;
using PickBot.Slack.Events;
using PickBot.Tests.Support;

namespace PickBot.Tests.Redis;

/// <summary>The intake journal in a real redis-server: kept per replica, adopted when a replica stops, local when Redis refuses.</summary>
public sealed class RedisIntakeJournalTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly string _prefix = "j" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pickbot-rj-" + Guid.NewGuid().ToString("N"));
    private readonly List<RedisConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await redis.CommandAsync("CONFIG", "SET", "maxmemory", "0");
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);
    }

    [RedisFact]
    public async Task Pending_SameReplicaAfterRestart_ReturnsWhatItAcknowledged()
    {
        await (await CreateSutAsync("a")).AddAsync(Mention("Ev1"));

        var restarted = await CreateSutAsync("a");

        Assert.Equal("Ev1", Assert.IsType<MentionWork>(Assert.Single(await restarted.PendingAsync())).EventId);
        Assert.Contains("Ev1", await redis.CommandAsync("HKEYS", _prefix + "journal:a"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Add_RedisOutOfMemory_KeepsTheEntryLocally()
    {
        var sut = await CreateSutAsync("oom");
        Assert.StartsWith("+OK", await redis.CommandAsync("CONFIG", "SET", "maxmemory", "1"), StringComparison.Ordinal);

        await sut.AddAsync(Mention("EvOom"));
        await redis.CommandAsync("CONFIG", "SET", "maxmemory", "0");

        Assert.Equal("EvOom", Assert.IsType<MentionWork>(Assert.Single(await sut.PendingAsync())).EventId);
        Assert.True(await sut.MarkAttemptedAsync("event:EvOom"));
        await sut.RemoveAsync("event:EvOom");
        Assert.Empty(await sut.PendingAsync());
    }

    [RedisFact]
    public async Task Adopt_ReplicaWithoutHeartbeat_MovesItsEntriesAndTheOldOwnerStandsDown()
    {
        var dead = await CreateSutAsync("dead", replicaTimeout: TimeSpan.FromSeconds(3));
        await dead.PendingAsync(); // its heartbeat, as at its start
        await dead.AddAsync(Mention("EvA"));
        await dead.AddAsync(Mention("EvB"));
        Assert.True(await dead.MarkAttemptedAsync("event:EvA"));
        var live = await CreateSutAsync("live", replicaTimeout: TimeSpan.FromSeconds(3));

        Assert.Empty(await live.AdoptAsync());
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var adopted = await live.AdoptAsync();

        Assert.Equal(["EvA", "EvB"], adopted.Cast<MentionWork>().Select(m => m.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(2, adopted.Single(w => w.JournalId == "event:EvA").Attempts);
        Assert.Equal(1, adopted.Single(w => w.JournalId == "event:EvB").Attempts);
        Assert.False(await dead.MarkAttemptedAsync("event:EvB"));
        Assert.True(await live.MarkAttemptedAsync("event:EvB"));
        Assert.Empty(await dead.PendingAsync());
    }

    private static MentionWork Mention(string eventId) =>
        new MentionWork(eventId, "C1", "U1", "<@UPICKBOT> kafka vs rabbitmq", "1.000001", "1.000001", "mention") { JournalId = "event:" + eventId };

    private async Task<RedisIntakeJournal> CreateSutAsync(string replica, TimeSpan? replicaTimeout = null)
    {
        var options = Options.Create(new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = _prefix, ReplicaId = replica, ReplicaTimeout = replicaTimeout ?? TimeSpan.FromSeconds(30), OperationTimeout = TimeSpan.FromSeconds(3) });
        var connection = new RedisConnection(options, NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        Assert.NotNull(await connection.GetDatabaseAsync());
        var local = new SqliteIntake(Path.Combine(_folder, replica, "intake.db"), TimeSpan.FromHours(1), TimeProvider.System, NullLogger<SqliteIntake>.Instance);
        return new RedisIntakeJournal(connection, local, options, Options.Create(new PickBot.Slack.SlackOptions()), TimeProvider.System, NullLogger<RedisIntakeJournal>.Instance);
    }
}
