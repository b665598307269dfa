using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Slack.Limits;
using PickBot.Testing;
using PickBot.Tests.Installations;
using PickBot.Tests.Support;

namespace PickBot.Tests.Redis;

/// <summary>Two replicas in one test process, one real redis-server: each event answered once, every vote kept.</summary>
public sealed class SharedStateTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private RedisHosts Hosts { get; } = new(redis);

    public Task InitializeAsync() => Hosts.StartSlackAsync();

    public Task DisposeAsync() => Hosts.DisposeAsync().AsTask();

    [RedisFact]
    public async Task TwoReplicas_InstalledThroughOne_OtherAnswersWithThatTeamsToken()
    {
        var (a, _) = Hosts.StartHost(s => MultiWorkspaceHost.UseOAuth(s, Hosts.Slack));
        var (_, clientB) = Hosts.StartHost(s => MultiWorkspaceHost.UseOAuth(s, Hosts.Slack));

        var (installed, _, _) = await MultiWorkspaceHost.InstallAsync(Hosts.Slack, a, "TSHARED", "xoxb-shared", "UBOTSHARED");
        using var response = await clientB.SendAsync(MultiWorkspaceHost.Event("TSHARED", "EvSharedInstall", MultiWorkspaceHost.Mention("UBOTSHARED", "CSHAREDINSTALL")));

        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = await Eventually.GetAsync(
            () => Task.FromResult(Hosts.Slack.RequestsTo("/api/chat.postMessage").Where(r => r.Json?["channel"]?.GetValue<string>() == "CSHAREDINSTALL").ToList()),
            p => p.Count > 0,
            "the reply from the other replica");
        Assert.Equal("Bearer xoxb-shared", posts[0].Authorization);
        installed.Dispose();
    }

    [RedisFact]
    public async Task TwoReplicas_SameEventDeliveredToBoth_ExactlyOneReply()
    {
        var (a, clientA) = Hosts.StartHost();
        var (b, clientB) = Hosts.StartHost();
        var json = SlackRequests.Mention("EvShared1", "<@UPICKBOT> mtl vs stl for a spam filter", "1700000000.000901", channel: "CSHARED");

        var responses = await Task.WhenAll(clientA.SendAsync(SlackRequests.Event(json)), clientB.SendAsync(SlackRequests.Event(json, retryNum: 1)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Hosts.Slack.WaitForAsync("/api/chat.postMessage", 1);
        await Eventually.FindAsync(() => Task.FromResult(a.LogText.Contains("EvShared1 already accepted", StringComparison.Ordinal) || b.LogText.Contains("EvShared1 already accepted", StringComparison.Ordinal) ? "seen" : null));
        await Task.Delay(300);
        Assert.Single(Hosts.Slack.RequestsTo("/api/chat.postMessage"), r => r.Json?["channel"]?.GetValue<string>() == "CSHARED");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [RedisFact]
    public async Task TwoReplicas_VotesThroughBoth_AllVisibleFromEither()
    {
        var (a, clientA) = Hosts.StartHost();
        var (b, clientB) = Hosts.StartHost();

        foreach (var request in new[]
        {
            (clientA, RedisHosts.Vote("CVOTES", "1700000000.000001")),
            (clientA, RedisHosts.Vote("CVOTES", "1700000000.000002")),
            (clientB, RedisHosts.Vote("CVOTES", "1700000000.000003")),
            (clientB, RedisHosts.Vote("CVOTES", "1700000000.000001")),
        })
        {
            using var response = await request.Item1.SendAsync(request.Item2);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (var host in new[] { a, b })
        {
            var votes = (await host.Services.GetRequiredService<IFeedbackStore>().VotesAsync()).Where(v => v.ChannelId == "CVOTES").Select(v => v.Id).Order().ToList();
            Assert.Equal([RedisHosts.VoteId("CVOTES", "1700000000.000001"), RedisHosts.VoteId("CVOTES", "1700000000.000002"), RedisHosts.VoteId("CVOTES", "1700000000.000003")], votes);
        }

        Assert.Contains(":1", await redis.CommandAsync("HEXISTS", Hosts.KeyPrefix + "votes", RedisHosts.VoteId("CVOTES", "1700000000.000003")), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task TwoReplicas_RateLimit_SharedAcrossReplicas()
    {
        var (a, _) = Hosts.StartHost();
        var (b, _) = Hosts.StartHost();
        var limiterA = a.Services.GetRequiredService<IRateLimiter>();
        var limiterB = b.Services.GetRequiredService<IRateLimiter>();
        var limit = a.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PickBot.Slack.Admin.SlackAdminOptions>>().Value.PickRequestsPerMinute;

        var allowed = 0;
        for (var i = 0; i < limit; i++)
        {
            allowed += (await (i % 2 == 0 ? limiterA : limiterB).TryAcquireAsync("ULIMITED")).Allowed ? 1 : 0;
        }

        Assert.Equal(limit, allowed);
        Assert.False((await limiterA.TryAcquireAsync("ULIMITED")).Allowed);
        Assert.False((await limiterB.TryAcquireAsync("ULIMITED")).Allowed);
        Assert.True((await limiterB.TryAcquireAsync("USOMEONEELSE")).Allowed);
    }

    [RedisFact]
    public async Task TwoReplicas_PickCommands_ShareOnePerUserLimit()
    {
        var (a, clientA) = Hosts.StartHost();
        var (_, clientB) = Hosts.StartHost();
        var limit = a.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PickBot.Slack.Admin.SlackAdminOptions>>().Value.PickRequestsPerMinute;

        // The shared limit is a fixed window per clock minute: a run that crossed into the next minute would see the
        // count start again (it failed once, started at 20:59:59). Start well inside a minute.
        var second = DateTimeOffset.UtcNow.Second;
        if (second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - second));
        }

        var refused = 0;
        for (var i = 0; i <= limit; i++)
        {
            using var response = await (i % 2 == 0 ? clientA : clientB).SendAsync(SlackRequests.Command("mtl vs stl", user: "USHAREDLIMIT"));
            refused += (await response.Content.ReadAsStringAsync()).Contains("which is my limit per person", StringComparison.Ordinal) ? 1 : 0;
        }

        // Each replica alone saw about half the limit; only a shared count refuses the one over it.
        Assert.Equal(1, refused);
    }

    [RedisFact]
    public async Task TwoSocketModeReplicas_SameEventOnBoth_ExactlyOneReply()
    {
        await using var slack = await FakeSocketModeServer.StartAsync();
        var a = Hosts.StartSocketHost(slack);
        var b = Hosts.StartSocketHost(slack);
        var first = await slack.WaitForSocketAsync(1);
        var second = await slack.WaitForSocketAsync(2);
        Assert.NotNull(a.Services);
        Assert.NotNull(b.Services);

        var mention = SocketEnvelopes.AppMention("env-r1", "EvSocketShared", "<@UPICKBOT> mtl vs stl", channel: "CSOCKSHARED");
        await Task.WhenAll(first.SendAsync(mention), second.SendAsync(mention.Replace("env-r1", "env-r2", StringComparison.Ordinal)));
        await first.WaitForAckAsync("env-r1");
        await second.WaitForAckAsync("env-r2");

        await slack.WaitForCallsAsync("chat.postMessage", 1);
        await Eventually.FindAsync(() => Task.FromResult(a.LogText.Contains("EvSocketShared already accepted", StringComparison.Ordinal) || b.LogText.Contains("EvSocketShared already accepted", StringComparison.Ordinal) ? "seen" : null));
        await Task.Delay(300);
        Assert.Single(slack.CallsTo("chat.postMessage"), c => c.Json?["channel"]?.GetValue<string>() == "CSOCKSHARED");
    }
}
