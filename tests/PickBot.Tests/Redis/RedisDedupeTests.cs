using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PickBot.Redis;
using PickBot.Slack;
using PickBot.Slack.Events;
using PickBot.Tests.Support;

namespace PickBot.Tests.Redis;

/// <summary>The Redis event claim against a real redis-server: one winner per event, and no claim that outlives its claimant.</summary>
public sealed class RedisDedupeTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly string _prefix = "d" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<RedisConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    [RedisFact]
    public async Task TryBegin_ManyConcurrentDeliveriesOnOneReplica_ExactlyOneWinsEachEvent()
    {
        var sut = await CreateSutAsync();
        for (var e = 0; e < 50; e++)
        {
            var id = "EvRace" + e;
            var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await sut.TryBeginAsync(id))));
            Assert.Equal(1, wins.Count(w => w));
        }
    }

    [RedisFact]
    public async Task TryBegin_ConcurrentDeliveriesOnTwoReplicas_ExactlyOneWinsEachEvent()
    {
        var a = await CreateSutAsync();
        var b = await CreateSutAsync();
        for (var e = 0; e < 50; e++)
        {
            var id = "EvPair" + e;
            var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(async () => await (n % 2 == 0 ? a : b).TryBeginAsync(id))));
            Assert.Equal(1, wins.Count(w => w));
        }
    }

    [RedisFact]
    public async Task TryBegin_ClaimantDiedBeforeAccepting_NextRetryWinsAfterTheClaimTimeout()
    {
        var dead = await CreateSutAsync();
        var alive = await CreateSutAsync();
        Assert.True(await dead.TryBeginAsync("EvOrphan"));

        Assert.False(await alive.TryBeginAsync("EvOrphan"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.True(await alive.TryBeginAsync("EvOrphan"));
    }

    [RedisFact]
    public async Task Confirm_AcceptedClaim_HoldsForTheWholeWindow()
    {
        var first = await CreateSutAsync();
        var other = await CreateSutAsync();
        Assert.True(await first.TryBeginAsync("EvKept"));
        await first.ConfirmAsync("EvKept");

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(await other.TryBeginAsync("EvKept"));
        var ttl = await redis.CommandAsync("PTTL", _prefix + "event:EvKept");
        Assert.True(long.Parse(ttl.TrimStart(':').Trim(), System.Globalization.CultureInfo.InvariantCulture) > 60_000, ttl);
    }

    [RedisFact]
    public async Task Forget_OnlyReleasesItsOwnClaim()
    {
        var owner = await CreateSutAsync();
        var other = await CreateSutAsync();
        Assert.True(await owner.TryBeginAsync("EvMine"));
        await other.ForgetAsync("EvMine");
        Assert.False(await other.TryBeginAsync("EvMine"));

        await owner.ForgetAsync("EvMine");
        Assert.True(await other.TryBeginAsync("EvMine"));
    }

    /// <summary>A replica: its own local claims (in memory here; durable in the host) and a claim timeout of one second.</summary>
    private async Task<RedisEventDeduplicator> CreateSutAsync()
    {
        var slack = Options.Create(new SlackOptions { EventDedupeWindow = TimeSpan.FromHours(1) });
        var options = Options.Create(new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = _prefix, ClaimTimeout = TimeSpan.FromSeconds(1), OperationTimeout = TimeSpan.FromSeconds(3) });
        var connection = new RedisConnection(options, NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        Assert.NotNull(await connection.GetDatabaseAsync());
        return new RedisEventDeduplicator(connection, new InMemoryEventDeduplicator(slack, TimeProvider.System), slack, options);
    }
}
