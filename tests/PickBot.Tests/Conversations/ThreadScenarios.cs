using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Knowledge;
using PickBot.Testing;

namespace PickBot.Tests.Conversations;

/// <summary>
/// A mention in a thread, end to end through the real host: the thread read from the fake workspace, the answer posted
/// in the thread, follow-ups, the fallbacks, and the Home tab. Run once over HTTP and once in Socket Mode; each test
/// has its own channel.
/// </summary>
public abstract class ThreadScenarios<TTransport>(TTransport slack) : IClassFixture<TTransport>
    where TTransport : ThreadTransport
{
    protected const string Root = "1700000100.000100";

    protected TTransport Slack { get; } = slack;

    protected FakeSlackWorkspace Workspace => Slack.Workspace;

    [Fact]
    public async Task Mention_InAThread_ReadsEveryPageAndAnswersInTheThreadQuotingWhoDecided()
    {
        const string channel = "CREAD";
        People();
        Workspace.PageSize(channel, 2);
        StartThread(channel);
        Workspace.Say(channel, "1700000100.000400", "UDEV", "lunch first though", Root);
        Workspace.Say(channel, "1700000100.000450", "UBEN", "sure", Root);

        await MentionAsync("EvRead", channel, "1700000100.000500", "<@UPICKBOT> what do you think?");

        var post = await AnswerIn(channel);
        Assert.Equal(Root, post.Json!["thread_ts"]!.GetValue<string>());
        Assert.StartsWith("Pick: Apache Kafka", post.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("(Ana)", Blocks(post), StringComparison.Ordinal);
        Assert.Contains("replay", Blocks(post), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("kafka-vs-rabbitmq", post.Json["metadata"]!["event_payload"]!["entry"]!.GetValue<string>());

        // Root plus four replies before the mention, two a page: three pages, the cursor followed, only before the mention.
        var reads = Workspace.CallsTo("conversations.replies").Where(c => c.Form["channel"] == channel).ToList();
        Assert.Equal(3, reads.Count);
        Assert.All(reads, r => Assert.Equal((Root, "1700000100.000500", "false"), (r.Form["ts"], r.Form["latest"], r.Form["inclusive"])));
        Assert.Equal([null, "offset:2", "offset:4"], reads.Select(r => r.Form.GetValueOrDefault("cursor")));
        Assert.Equal("Bearer " + Support.PickBotApiFactory.BotToken, reads[0].Authorization);

        // Names are looked up for whoever decided, not for everyone in the thread.
        var names = Workspace.CallsTo("users.info").Select(c => c.Form["user"]).ToList();
        Assert.Contains("UANA", names);
        Assert.DoesNotContain("UDEV", names);

        // The thread's text is used, not logged (above Debug).
        Assert.DoesNotContain(Slack.Host.Logs, l => l.Contains("for the audit", StringComparison.Ordinal) || l.Contains("lunch first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FollowUp_NewContext_IsJudgedAgainWithTheNewWordsWinning()
    {
        const string channel = "CFOLLOW";
        People();
        StartThread(channel);
        await MentionAsync("EvFollow1", channel, "1700000100.000500", "<@UPICKBOT> what do you think?");
        var first = await AnswerIn(channel);
        Assert.StartsWith("Pick: Apache Kafka", first.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        await MentionAsync("EvFollow2", channel, "1700000100.000700", "<@UPICKBOT> what if we were 3 engineers?");

        var second = (await AnswerIn(channel, 2))[1];
        Assert.StartsWith("Pick: RabbitMQ", second.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("(Cleo)", Blocks(second), StringComparison.Ordinal);
        Assert.Contains("pointed to Apache Kafka", Blocks(second), StringComparison.Ordinal);

        // The second mention read the thread again (PickBot's answer is in it now), not the cached first read.
        Assert.Equal(2, Workspace.CallsTo("conversations.replies").Count(c => c.Form["channel"] == channel));
    }

    [Fact]
    public async Task FollowUp_WhyNotTheOther_ExplainsWhenItWinsAndWhoPointedAway()
    {
        const string channel = "CWHYNOT";
        People();
        StartThread(channel);

        await MentionAsync("EvWhyNot", channel, "1700000100.000500", "<@UPICKBOT> why not rabbitmq?");

        var post = await AnswerIn(channel);
        var blocks = Blocks(post);
        Assert.StartsWith("Why not RabbitMQ? Pick: Apache Kafka", post.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("RabbitMQ wins when", blocks, StringComparison.Ordinal);
        Assert.Contains("What pointed to Apache Kafka instead:", blocks, StringComparison.Ordinal);
        Assert.Contains("(Ana)", blocks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUp_AndXvsY_SwitchesComparisonAndKeepsTheThreadsContext()
    {
        const string channel = "CSWITCH";
        People();
        Workspace.Say(channel, Root, "UBEN", "kafka or rabbitmq for the order events?");
        Workspace.Say(channel, "1700000100.000200", "UANA", "we need infinite retention of every event", Root);

        await MentionAsync("EvSwitch", channel, "1700000100.000500", "<@UPICKBOT> and kafka vs pulsar?");

        var post = await AnswerIn(channel);
        Assert.Equal("kafka-vs-pulsar", post.Json!["metadata"]!["event_payload"]!["entry"]!.GetValue<string>());
        Assert.StartsWith("Pick: Apache Pulsar", post.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("(Ana)", Blocks(post), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_MissingScope_AnswersFromTheMentionAloneAndLogsTheScopeOnce()
    {
        const string channel = "CNOSCOPE";
        People();
        StartThread(channel);
        Workspace.RefuseHistory(channel, "missing_scope", "channels:history");

        await MentionAsync("EvScope", channel, "1700000100.000500", "<@UPICKBOT> kafka or rabbitmq?");

        var post = await AnswerIn(channel);
        var blocks = Blocks(post);
        Assert.StartsWith("Pick: RabbitMQ", post.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("(Ana)", blocks, StringComparison.Ordinal);
        Assert.DoesNotContain("missing_scope", blocks, StringComparison.Ordinal);
        var lines = Slack.Host.Logs.Where(l => l.Contains($"channel {channel}", StringComparison.Ordinal) && l.Contains("channels:history", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.StartsWith("Warning", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_BotsMessagesInTheThread_TellTheComparisonButAreNeverContext()
    {
        const string channel = "CBOTS";
        People();
        Workspace.Say(channel, Root, "UBEN", "thoughts on the broker for order events?");
        Workspace.BotSays(channel, "1700000100.000200", "Pick: RabbitMQ. Kafka keeps events so consumers can replay history; we must replay every event", Root, entry: "kafka-vs-rabbitmq");
        Workspace.BotSays(channel, "1700000100.000300", "we must replay every event for the audit", Root, user: "UOTHERBOT", botId: "BOTHER");

        await MentionAsync("EvBots", channel, "1700000100.000500", "<@UPICKBOT> so?");

        var post = await AnswerIn(channel);
        Assert.Equal("kafka-vs-rabbitmq", post.Json!["metadata"]!["event_payload"]!["entry"]!.GetValue<string>());
        Assert.StartsWith("Pick: RabbitMQ", post.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("nothing in your question pointed either way", Blocks(post), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomeOpened_PublishesHowToAskAndTheCatalogue_AndAdminsSeeStatus()
    {
        await Slack.SendAsync("EvHomeAdmin", HomeOpened(ThreadTransport.Admin));
        await Slack.SendAsync("EvHomePlain", HomeOpened("UPLAIN"));
        await Slack.SendAsync("EvHomeMessages", HomeOpened("UTABS", tab: "messages"));

        var published = await Slack.WaitForAsync("views.publish", _ => true, 2);
        var comparisons = Slack.Host.Services.GetRequiredService<KnowledgeStore>().Current.Comparisons.Count;
        var admin = Assert.Single(published, p => p.Json!["user_id"]!.GetValue<string>() == ThreadTransport.Admin);
        var plain = Assert.Single(published, p => p.Json!["user_id"]!.GetValue<string>() == "UPLAIN");
        foreach (var view in new[] { admin, plain })
        {
            Assert.Equal("home", view.Json!["view"]!["type"]!.GetValue<string>());
            var text = view.Json["view"]!["blocks"]!.ToJsonString();
            Assert.Contains($"What I can compare ({comparisons} comparisons", text, StringComparison.Ordinal);
            Assert.Contains("*messaging* (", text, StringComparison.Ordinal);
            Assert.Contains("Mention me in a thread", text, StringComparison.Ordinal);
        }

        Assert.Contains("Knowledge status", admin.Json!["view"]!["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Knowledge status", plain.Json!["view"]!["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Workspace.CallsTo("views.publish"), p => p.Json!["user_id"]!.GetValue<string>() == "UTABS");
    }

    protected static JsonObject MentionEvent(string channel, string ts, string text, string user = "UCLEO", string? threadTs = Root)
    {
        var inner = new JsonObject { ["type"] = "app_mention", ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel, ["event_ts"] = ts };
        if (threadTs is not null)
        {
            inner["thread_ts"] = threadTs;
        }

        return inner;
    }

    protected static JsonObject HomeOpened(string user, string tab = "home") => new()
    {
        ["type"] = "app_home_opened",
        ["user"] = user,
        ["channel"] = "D0HOME",
        ["tab"] = tab,
        ["event_ts"] = "1700000200.000100",
    };

    protected static string Blocks(WorkspaceCall post) => post.Json!["blocks"]!.ToJsonString();

    protected void People()
    {
        Workspace.AddUser("UANA", "Ana");
        Workspace.AddUser("UBEN", "Ben");
        Workspace.AddUser("UCLEO", "Cleo");
        Workspace.AddUser("UDEV", "Dev");
    }

    /// <summary>Ben asks, Ana says what decides.</summary>
    protected void StartThread(string channel)
    {
        Workspace.Say(channel, Root, "UBEN", "should we use kafka or rabbitmq for order events?");
        Workspace.Say(channel, "1700000100.000200", "UANA", "we must replay every event for the audit", Root);
        Workspace.Say(channel, "1700000100.000300", "UBEN", "hmm", Root);
    }

    /// <summary>The mention lands in the thread (as in Slack) and its event is delivered.</summary>
    protected async Task MentionAsync(string eventId, string channel, string ts, string text, string user = "UCLEO")
    {
        Workspace.Say(channel, ts, user, text, Root);
        await Slack.SendAsync(eventId, MentionEvent(channel, ts, text, user));
    }

    protected async Task<WorkspaceCall> AnswerIn(string channel) => (await AnswerIn(channel, 1))[0];

    protected Task<IReadOnlyList<WorkspaceCall>> AnswerIn(string channel, int count) =>
        Slack.WaitForAsync("chat.postMessage", c => c.Json?["channel"]?.GetValue<string>() == channel, count);
}

public sealed class HttpThreadTests(HttpThreadTransport slack) : ThreadScenarios<HttpThreadTransport>(slack)
{
    [Fact]
    public async Task Mention_RepliesReadIsRateLimited_WaitsForRetryAfterThenAnswers()
    {
        const string channel = "CLIMITED";
        People();
        StartThread(channel);
        Workspace.RateLimitNextRead(retryAfterSeconds: 1);

        await MentionAsync("EvLimited", channel, "1700000100.000500", "<@UPICKBOT> what do you think?");

        var post = await AnswerIn(channel);
        Assert.StartsWith("Pick: Apache Kafka", post.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var reads = Workspace.CallsTo("conversations.replies").Where(c => c.Form["channel"] == channel).ToList();
        Assert.Equal(2, reads.Count);
        Assert.True(reads[1].At - reads[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {reads[1].At - reads[0].At}");
    }

    [Fact]
    public async Task FollowUpWithoutMention_AnsweredInPickBotsThread_NeverBetweenPeopleOrBots()
    {
        const string answered = "CNOMENTION";
        const string chatter = "CCHATTER";
        People();
        StartThread(answered);
        StartThread(chatter);
        await MentionAsync("EvNoMention1", answered, "1700000100.000500", "<@UPICKBOT> what do you think?");
        await AnswerIn(answered);

        // Not PickBot's: addressed to Ben, a thread PickBot never answered in, and another bot.
        await Reply("EvToBen", answered, "1700000100.000600", "<@UBEN> what if we were 3 engineers?", "UCLEO");
        await Reply("EvNotOurs", chatter, "1700000100.000600", "what if we were 3 engineers?", "UCLEO");
        await Reply("EvBot", answered, "1700000100.000650", "what if we were 3 engineers?", "UOTHERBOT", botId: "BOTHER");

        await Reply("EvNoMention2", answered, "1700000100.000700", "what if we were 3 engineers?", "UCLEO");
        var posts = await AnswerIn(answered, 2);
        Assert.StartsWith("Pick: RabbitMQ", posts[1].Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        // Someone else speaks after PickBot's answer: the next question is theirs to answer.
        Workspace.Say(answered, "1700000100.000800", "UBEN", "we could also just ask the platform team", Root);
        await Reply("EvPeople", answered, "1700000100.000900", "what about a managed service?", "UCLEO");
        await Task.Delay(500);
        Assert.Equal(2, Workspace.CallsTo("chat.postMessage").Count(c => c.Json?["channel"]?.GetValue<string>() == answered));
        Assert.DoesNotContain(Workspace.CallsTo("chat.postMessage"), c => c.Json?["channel"]?.GetValue<string>() == chatter);
    }

    private async Task Reply(string eventId, string channel, string ts, string text, string user, string? botId = null)
    {
        if (botId is null)
        {
            Workspace.Say(channel, ts, user, text, Root);
        }
        else
        {
            Workspace.BotSays(channel, ts, text, Root, user, botId);
        }

        var inner = new JsonObject
        {
            ["type"] = "message",
            ["channel_type"] = "channel",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["thread_ts"] = Root,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (botId is not null)
        {
            inner["bot_id"] = botId;
        }

        await Slack.SendAsync(eventId, inner);
    }
}

public sealed class SocketModeThreadTests(SocketThreadTransport slack) : ThreadScenarios<SocketThreadTransport>(slack);
