using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Slack.Formatting;
using PickBot.Tests.Redis;
using PickBot.Tests.Support;
using Xunit.Abstractions;

namespace PickBot.Tests.Faults;

/// <summary>
/// The fault suite (trait Category=Fault, run by CI): the real host, a real redis-server and a Slack that fails, all on
/// loopback. Each scenario prints its counts; every one must come out as 0 acknowledged events lost, 0 answered twice,
/// 0 votes lost and 0 responses with status 5xx.
/// </summary>
[Trait("Category", "Fault")]
[Collection(FaultSuiteGroup.Name)]
public sealed class FaultSuiteTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string Question = "<@UPICKBOT> mtl vs stl for a spam filter";

    private readonly List<string> _folders = [];
    private readonly List<IAsyncDisposable> _owned = [];

    // One prefix per test: the replicas of a test share Redis state, the tests do not.
    private readonly string _keyPrefix = "fault" + Guid.NewGuid().ToString("N")[..6] + ":";
    private FaultySlack _slack = null!;

    public async Task InitializeAsync()
    {
        _slack = await FaultySlack.StartAsync();
        _owned.Add(_slack);
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            TempFolder.Delete(folder);
        }

        await redis.ResumeAsync();
    }

    [Fact]
    public async Task KillDashNine_UnderMentionLoad_EveryAcknowledgedMentionAnsweredOnce()
    {
        const int Mentions = 120;
        var report = new FaultReport("kill -9 under mention load");
        _slack.PostDelay = TimeSpan.FromMilliseconds(150);
        var data = Folder();
        var settings = new Dictionary<string, string> { ["Slack__MentionWorkers"] = "4" };
        var first = await BotProcess.StartAsync(_slack.ApiBaseUrl, data, settings);
        using var firstClient = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };

        // Mentions go in eight at a time; the bot is killed once half were acknowledged, while answers are in flight.
        var ids = Enumerable.Range(0, Mentions).Select(i => $"EvKill{i:D3}").ToList();
        var killed = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            if (report.Acknowledged >= Mentions / 2 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                await first.KillAsync();
            }

            await TrySendAsync(firstClient, report, id, retry: null);
        });
        await first.KillAsync();
        var answeredBeforeKill = _slack.AnswersByEvent().Count;

        // Slack redelivers what was not acknowledged, and sometimes what was; the new process must tell them apart.
        await using var second = await BotProcess.StartAsync(_slack.ApiBaseUrl, data, settings);
        using var secondClient = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var acknowledged = report.AcknowledgedIds.ToHashSet(StringComparer.Ordinal);
        foreach (var id in ids.Where(id => !acknowledged.Contains(id)).Concat(acknowledged.Take(20)))
        {
            await TrySendAsync(secondClient, report, id, retry: 1);
        }

        await _slack.WaitForAnswersAsync(ids, TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        output.WriteLine($"answered before the kill: {answeredBeforeKill}; acknowledged: {report.Acknowledged}");
        AssertZero(report.Finish(Answers(ids), 0, output), second.Output);
        Assert.Equal(Mentions, report.Acknowledged);
    }

    [RedisFact]
    public async Task KillDashNine_ReplicaNeverReturns_AnotherReplicaAnswersItsRedisJournal()
    {
        const int Mentions = 60;
        var report = new FaultReport("kill -9, replica gone (Redis journal)");
        _slack.PostDelay = TimeSpan.FromMilliseconds(300);
        var redisSettings = new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = redis.ConnectionString,
            ["Redis__KeyPrefix"] = _keyPrefix,
            ["Redis__ReplicaTimeout"] = "00:00:03",
            ["Slack__MentionWorkers"] = "2",
        };
        var doomed = await BotProcess.StartAsync(_slack.ApiBaseUrl, Folder(), redisSettings);
        using var doomedClient = new HttpClient { BaseAddress = doomed.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var ids = Enumerable.Range(0, Mentions).Select(i => $"EvGone{i:D3}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) => await TrySendAsync(doomedClient, report, id, retry: null));
        await doomed.KillAsync();
        var answeredBeforeKill = _slack.AnswersByEvent().Count;

        // The replica never comes back; a live one must notice and answer what it had acknowledged, once.
        var (survivor, _) = StartHost(redisEnabled: true, new() { ["Redis:ReplicaTimeout"] = "00:00:03" });
        await _slack.WaitForAnswersAsync(ids, TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        output.WriteLine($"answered before the kill: {answeredBeforeKill}");
        AssertZero(report.Finish(Answers(ids), 0, output), survivor.LogText);
        Assert.Equal(Mentions, report.Acknowledged);
        Assert.True(answeredBeforeKill < Mentions, "the kill was meant to leave acknowledged mentions unanswered");
        Assert.Contains("Adopted", survivor.LogText, StringComparison.Ordinal);
    }

    [RedisFact]
    public Task RedisStopped_KeepsAnsweringAndKeepsVotes() => RedisFaultAsync("Redis stopped", redis.StopAsync, redis.StartAsync);

    [RedisFact]
    public Task RedisPaused_KeepsAnsweringAndKeepsVotes() => RedisFaultAsync("Redis paused (SIGSTOP)", redis.PauseAsync, redis.ResumeAsync);

    [RedisFact]
    public Task RedisOutOfMemory_KeepsAnsweringAndKeepsVotes() => RedisFaultAsync(
        "Redis out of memory (maxmemory)",
        async () => Assert.StartsWith("+OK", await redis.CommandAsync("CONFIG", "SET", "maxmemory", "1"), StringComparison.Ordinal),
        async () => Assert.StartsWith("+OK", await redis.CommandAsync("CONFIG", "SET", "maxmemory", "0"), StringComparison.Ordinal));

    [RedisFact]
    public Task RedisReadOnly_KeepsAnsweringAndKeepsVotes() => RedisFaultAsync(
        "Redis read-only (replicaof)",
        async () => Assert.StartsWith("+OK", await redis.CommandAsync("REPLICAOF", "127.0.0.1", "1"), StringComparison.Ordinal),
        async () => Assert.StartsWith("+OK", await redis.CommandAsync("REPLICAOF", "NO", "ONE"), StringComparison.Ordinal));

    [Fact]
    public async Task SlackFailing_5xx429AndTimeouts_EveryMentionAnsweredOnce()
    {
        const int Mentions = 30;
        var report = new FaultReport("Slack 5xx, 429 and timeouts");

        // Each event's first attempt fails one way; the stall outlasts the attempt timeout and is posted after all.
        _slack.StallFor = TimeSpan.FromSeconds(2);
        _slack.Faults = (id, attempt) => attempt > 0 ? PostFault.None : (int.Parse(id[^3..], CultureInfo.InvariantCulture) % 3) switch
        {
            0 => PostFault.ServerError,
            1 => PostFault.RateLimited,
            _ => PostFault.Stall,
        };
        var (_, client) = StartHost(redisEnabled: false, new() { ["Slack:AttemptTimeout"] = "00:00:01", ["Slack:RedeliveryDelay"] = "00:00:02" });
        var ids = Enumerable.Range(0, Mentions).Select(i => $"EvSlack{i:D3}").ToList();
        foreach (var id in ids)
        {
            await TrySendAsync(client, report, id, retry: null);
        }

        await _slack.WaitForAnswersAsync(ids, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        AssertZero(report.Finish(Answers(ids), 0, output));
    }

    [RedisFact]
    public async Task DuplicateDeliveries_OneReplicaAndTwoReplicas_EachEventAnsweredOnce()
    {
        const int Events = 40;
        var one = new FaultReport("duplicates at once, one replica");
        var (_, solo) = StartHost(redisEnabled: true);
        var soloIds = Enumerable.Range(0, Events).Select(i => $"EvDupOne{i:D3}").ToList();
        await Task.WhenAll(soloIds.SelectMany(id => Enumerable.Range(0, 6).Select(n => TrySendAsync(solo, one, id, retry: n == 0 ? null : n))));

        var two = new FaultReport("duplicates at once, two replicas");
        var (_, a) = StartHost(redisEnabled: true);
        var (_, b) = StartHost(redisEnabled: true);
        var pairIds = Enumerable.Range(0, Events).Select(i => $"EvDupTwo{i:D3}").ToList();
        await Task.WhenAll(pairIds.SelectMany(id => Enumerable.Range(0, 6).Select(n => TrySendAsync(n % 2 == 0 ? a : b, two, id, retry: n < 2 ? null : n))));

        await _slack.WaitForAnswersAsync(soloIds.Concat(pairIds), TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        AssertZero(one.Finish(Answers(soloIds), 0, output));
        AssertZero(two.Finish(Answers(pairIds), 0, output));
    }

    /// <summary>Mentions, votes and commands while Redis is broken one way; then Redis is mended and the votes must be in it.</summary>
    private async Task RedisFaultAsync(string scenario, Func<Task> breakRedis, Func<Task> mendRedis)
    {
        const int Mentions = 10;
        const int Votes = 10;
        var report = new FaultReport(scenario);
        var (host, client) = StartHost(redisEnabled: true);
        var tag = new string(scenario.Where(char.IsLetter).Take(10).ToArray());
        await WarmUpAsync(client, tag);

        await breakRedis();
        var ids = Enumerable.Range(0, Mentions).Select(i => $"Ev{tag}{i:D3}").ToList();
        var voteIds = new List<string>();
        try
        {
            for (var i = 0; i < Mentions; i++)
            {
                await TrySendAsync(client, report, ids[i], retry: null);
                using var command = await client.SendAsync(SlackRequests.Command("mtl vs stl", user: $"U{tag}{i}"));
                report.Count(command);
            }

            for (var i = 0; i < Votes; i++)
            {
                var ts = $"1700000900.{i:D6}";
                using var vote = await client.SendAsync(SlackRequests.Click(ActionIds.Helpful, RedisHosts.Reference, _slack.ResponseUrl("v"), channel: "C" + tag, messageTs: ts));
                report.Count(vote);
                report.VoteSent();
                voteIds.Add(RedisHosts.VoteId("C" + tag, ts));
            }

            await _slack.WaitForAnswersAsync(ids, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await mendRedis();
        }

        // The votes kept locally go back to Redis by themselves once it is mended.
        var stored = await Eventually.GetAsync(
            async () =>
            {
                var present = 0;
                foreach (var id in voteIds)
                {
                    present += (await redis.CommandAsync("HEXISTS", _keyPrefix + "votes", id)).StartsWith(":1", StringComparison.Ordinal) ? 1 : 0;
                }

                return present;
            },
            n => n == Votes,
            "votes resynced to Redis",
            timeoutSeconds: 30);
        Assert.Equal(Votes, (await host.Services.GetRequiredService<IFeedbackStore>().VotesAsync()).Count(v => voteIds.Contains(v.Id)));
        await Task.Delay(500);
        AssertZero(report.Finish(Answers(ids), stored, output), host.LogText);
    }

    /// <summary>One request through every Redis path first, so the fault hits a replica that was using Redis.</summary>
    private async Task WarmUpAsync(HttpClient client, string tag)
    {
        var warm = new FaultReport("warm-up");
        await TrySendAsync(client, warm, $"EvWarm{tag}", retry: null);
        await _slack.WaitForAnswersAsync([$"EvWarm{tag}"], TimeSpan.FromSeconds(15));
    }

    private (PickBotApiFactory Host, HttpClient Client) StartHost(bool redisEnabled, Dictionary<string, string?>? extra = null)
    {
        var settings = PickBotApiFactory.Settings(_slack.ApiBaseUrl, Folder());
        if (redisEnabled)
        {
            settings["Redis:ConnectionString"] = redis.ConnectionString;
            settings["Redis:KeyPrefix"] = _keyPrefix;
            settings["Redis:OperationTimeout"] = "00:00:00.300";
            settings["Redis:ResyncInterval"] = "00:00:00.200";
        }

        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var host = new PickBotApiFactory(settings);
        var client = host.CreateClient();
        _owned.Add(new Owned(host, client));
        return (host, client);
    }

    private static async Task TrySendAsync(HttpClient client, FaultReport report, string eventId, int? retry)
    {
        var ts = "1700001000." + eventId.GetHashCode(StringComparison.Ordinal).ToString("x8", CultureInfo.InvariantCulture)[..6];
        try
        {
            using var response = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention(eventId, Question, ts, channel: "CFAULT"), retry));
            report.Count(response, eventId);
        }
        catch (HttpRequestException)
        {
            // Refused or cut off by the kill: not acknowledged, so Slack would deliver it again.
        }
        catch (TaskCanceledException)
        {
            // No answer in time: not acknowledged either.
        }
    }

    private Dictionary<string, int> Answers(IEnumerable<string> ids)
    {
        var all = _slack.AnswersByEvent();
        return ids.Where(all.ContainsKey).ToDictionary(id => id, id => all[id], StringComparer.Ordinal);
    }

    private static void AssertZero((int Lost, int Twice, int VotesLost, int FiveHundreds) figures, string? log = null)
    {
        var detail = log is null ? string.Empty : "\n" + string.Join('\n', log.Split('\n').TakeLast(60));
        Assert.True(figures == (0, 0, 0, 0), $"lost {figures.Lost}, answered twice {figures.Twice}, votes lost {figures.VotesLost}, 5xx {figures.FiveHundreds}{detail}");
    }

    private string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pickbot-fault-" + Guid.NewGuid().ToString("N"));
        _folders.Add(folder);
        return folder;
    }

    private sealed class Owned(PickBotApiFactory host, HttpClient client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await host.DisposeAsync();
        }
    }
}

/// <summary>The fault suite runs alone, after the parallel tests: its timeouts are about faults, not a busy machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuiteGroup
{
    public const string Name = "Fault suite";
}
