using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Redis;
using PickBot.Tests.Support;

namespace PickBot.Tests.Redis;

/// <summary>Redis stopped under a running replica: answers continue, votes land locally and go back when Redis returns.</summary>
public sealed class RedisOutageTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private RedisHosts Hosts { get; } = new(redis);

    public Task InitializeAsync() => Hosts.StartSlackAsync();

    public async Task DisposeAsync()
    {
        await Hosts.DisposeAsync();
        await redis.StopAsync();
    }

    [RedisFact]
    public async Task RedisStoppedMidRun_KeepsAnsweringAndSyncsVotesBack()
    {
        var (host, client) = Hosts.StartHost();
        using (var before = await client.SendAsync(RedisHosts.Vote("COUT", "1700000000.000010")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await redis.StopAsync();
        using (var during = await client.SendAsync(RedisHosts.Vote("COUT", "1700000000.000011")))
        {
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        }

        using (var mention = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention("EvOutage", "<@UPICKBOT> mtl vs stl", "1700000000.000012", channel: "COUT"))))
        {
            Assert.Equal(HttpStatusCode.OK, mention.StatusCode);
        }

        await Hosts.Slack.WaitForAsync("/api/chat.postMessage", 1);
        Assert.Contains("REDIS UNAVAILABLE", host.LogText, StringComparison.Ordinal);
        var store = host.Services.GetRequiredService<IFeedbackStore>();
        Assert.Contains(await store.VotesAsync(), v => v.Id == RedisHosts.VoteId("COUT", "1700000000.000011"));

        // A non-persistent Redis comes back empty; the vote written during the outage must reach it anyway.
        await redis.StartAsync();
        var synced = await Eventually.FindAsync(async () =>
        {
            var reply = await redis.CommandAsync("HEXISTS", Hosts.KeyPrefix + "votes", RedisHosts.VoteId("COUT", "1700000000.000011"));
            return reply.StartsWith(":1", StringComparison.Ordinal) ? reply : null;
        }, TimeSpan.FromSeconds(30));

        Assert.NotNull(synced);
        // The local copy goes once Redis has it. Waited for as state, not as the "Synced 1 vote" log line, whose
        // count depends on how the resync rounds fall (one round may carry two items, two rounds one each).
        var pending = host.Services.GetRequiredService<PendingFeedback>();
        await Eventually.FindAsync(async () => (await pending.ReadAsync()).Count == 0 ? "drained" : null, TimeSpan.FromSeconds(30));
        Assert.Single(await store.VotesAsync(), v => v.Id == RedisHosts.VoteId("COUT", "1700000000.000011"));
    }
}
