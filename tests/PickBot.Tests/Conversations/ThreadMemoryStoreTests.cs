using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PickBot.Core.Answers;
using PickBot.Core.Conversations;
using PickBot.Feedback;
using PickBot.Redis;
using PickBot.Slack.Conversations;
using PickBot.Tests.Redis;
using PickBot.Tests.Support;

namespace PickBot.Tests.Conversations;

/// <summary>Thread memory in the feedback database, and shared by replicas through a real redis-server.</summary>
public sealed class ThreadMemoryStoreTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pickbot-memory-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sqlite_SavedThenReadAfterARestart_UntilItExpires()
    {
        var memory = new ThreadMemory("C1:1700000000.000100", "kafka-vs-rabbitmq", [new Attribution("must replay", "UANA")], "1700000000.000900", _time.GetUtcNow());
        await CreateSqlite().SaveAsync(memory);

        var again = await CreateSqlite().GetAsync(memory.Conversation);

        Assert.Equal(memory.EntryId, again!.EntryId);
        Assert.Equal(memory.Phrases, again.Phrases);
        Assert.Equal(memory.LastAnswerTs, again.LastAnswerTs);
        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Null(await CreateSqlite().GetAsync(memory.Conversation));
    }

    [Fact]
    public async Task Sqlite_ManyThreads_TheOldestAreForgottenBeyondTheBound()
    {
        var store = CreateSqlite(maxThreads: 100);
        for (var i = 0; i < 201; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await store.SaveAsync(new ThreadMemory($"C1:{i}", "kafka-vs-rabbitmq", [], null, _time.GetUtcNow()));
        }

        Assert.Equal(100, await store.CountAsync());
        Assert.Null(await store.GetAsync("C1:0"));
        Assert.NotNull(await store.GetAsync("C1:200"));
    }

    [Fact]
    public void Of_LongAnswer_KeepsOnlyTheBoundedPhrasesInUse()
    {
        var words = Enumerable.Range(0, 30).Select(i => new string('x', 300) + i).ToList();
        var answer = new Answer
        {
            Kind = AnswerKind.Pick,
            Question = "q",
            Entry = LlmKnowledge.Load().Comparisons[0],
            DecidedBy = words,
            Attributions = words.Select(w => new Attribution(w, "UANA")).ToList(),
        };

        var memory = ThreadMemory.Of("C1:1", answer, "1.2", _time.GetUtcNow());

        Assert.Equal(ThreadMemory.MaxPhrases, memory.Phrases.Count);
        Assert.All(memory.Phrases, p => Assert.True(p.Words.Length <= ThreadMemory.MaxPhraseLength));
        Assert.All(memory.Phrases, p => Assert.Equal("UANA", p.Author));
    }

    [RedisFact]
    public async Task Redis_OneReplicaAnswers_AnotherAnswersTheFollowUpFromSharedMemoryWhenTheThreadCannotBeRead()
    {
        await using var hosts = new RedisHosts(redis);
        await hosts.StartSlackAsync();
        var workspace = hosts.Slack.Workspace;
        workspace.AddUser("UANA", "Ana");
        const string channel = "CSHAREDMEM";
        const string root = "1700000100.000100";
        workspace.Say(channel, root, "UBEN", "should we use kafka or rabbitmq for order events?");
        workspace.Say(channel, "1700000100.000200", "UANA", "we must replay every event for the audit", root);
        var (a, first) = hosts.StartHost();
        var (b, second) = hosts.StartHost();

        // Redis connects in the background; both replicas must have it before the first answer is remembered.
        foreach (var host in new[] { a, b })
        {
            Assert.NotNull(await host.Services.GetRequiredService<RedisConnection>().GetDatabaseAsync());
        }

        await Send(first, "EvMem1", channel, "1700000100.000300", "<@UPICKBOT> what do you think?", root);
        await hosts.Slack.WaitForAsync("/api/chat.postMessage", 1);
        workspace.RefuseHistory(channel, "not_in_channel", null);
        await Send(second, "EvMem2", channel, "1700000100.000500", "<@UPICKBOT> and now?", root);

        var posts = (await hosts.Slack.WaitForAsync("/api/chat.postMessage", 2)).Where(p => (string?)p.Json!["channel"] == channel).ToList();
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("Pick: Apache Kafka", (string?)posts[1].Json!["text"], StringComparison.Ordinal);
        Assert.Contains("(Ana)", posts[1].Json!["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Comparison from my earlier answer here", posts[1].Json!["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        var keys = await redis.CommandAsync("KEYS", hosts.KeyPrefix + "thread:*");
        Assert.Contains(channel, keys, StringComparison.Ordinal);
    }

    private static async Task Send(HttpClient client, string eventId, string channel, string ts, string text, string root)
    {
        using var response = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention(eventId, text, ts, threadTs: root, user: "UCLEO", channel: channel)));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private SqliteThreadMemoryStore CreateSqlite(int maxThreads = 100_000) => new(
        Path.Combine(_folder, "feedback.db"),
        Options.Create(new SlackConversationOptions { ThreadMemoryMaxThreads = maxThreads }),
        _time);
}
