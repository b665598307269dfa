using System.Net;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

public sealed class SlackEventsEndpointTests(SlackHostFixture host) : IClassFixture<SlackHostFixture>
{
    private const string PostMessage = "/api/chat.postMessage";

    [Fact]
    public async Task PostEvent_UrlVerification_EchoesChallengeAsText()
    {
        const string body = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

        using var response = await host.Client.SendAsync(SlackRequests.Event(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostEvent_UrlVerificationUnsigned_Returns401()
    {
        using var request = SlackRequests.WithoutSignature("/slack/events", """{"challenge":"abc","type":"url_verification"}""", "application/json");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PostEvent_StaleSignature_Returns401()
    {
        var json = SlackRequests.Mention("Ev-stale", "<@UPICKBOT> mtl vs stl", "1700000000.000100");
        using var request = SlackRequests.WithSignature("/slack/events", json, "application/json", DateTimeOffset.UtcNow.AddMinutes(-10));

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostEvent_AppMention_AcksAndRepliesInThreadWithTokenAndBlocks()
    {
        var channel = NewChannel();

        using var response = await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(NewEventId(), "<@UPICKBOT> mtl vs stl for a spam filter", "1700000000.000200", channel: channel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await SinglePostToAsync(channel);
        Assert.Equal("Bearer " + PickBotApiFactory.BotToken, post.Authorization);
        Assert.Equal("application/json; charset=utf-8", post.ContentType);
        Assert.Equal("1700000000.000200", (string?)post.Json!["thread_ts"]);
        Assert.Contains("Single Task Learning", (string?)post.Json["text"], StringComparison.Ordinal);
        Assert.Equal("Pick: Single Task Learning", (string?)post.Json["blocks"]![0]!["text"]!["text"]);
    }

    [Fact]
    public async Task PostEvent_AppMentionInThread_RepliesToTheParent()
    {
        var channel = NewChannel();

        await SendOkAsync(SlackRequests.Mention(NewEventId(), "what about mtl vs stl, <@UPICKBOT>?", "1700000000.000400", threadTs: "1700000000.000300", channel: channel));

        var post = await SinglePostToAsync(channel);
        Assert.Equal("1700000000.000300", (string?)post.Json!["thread_ts"]);
    }

    [Fact]
    public async Task PostEvent_DirectMessage_AnswersInTheConversation()
    {
        var channel = "D" + NewChannel()[1..];

        await SendOkAsync(SlackRequests.Mention(NewEventId(), "mtl vs stl for a spam filter", "1700000000.000500", channel: channel, type: "message", channelType: "im"));

        var post = await SinglePostToAsync(channel);
        Assert.Null(post.Json!["thread_ts"]);
        Assert.Contains("Single Task Learning", (string?)post.Json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEvent_BotAndSelfAndEditedMessages_AreIgnored()
    {
        var channel = NewChannel();
        await SendOkAsync(SlackRequests.Mention(NewEventId(), "<@UPICKBOT> mtl vs stl", "1700000000.000601", channel: channel, botId: "B1"));
        await SendOkAsync(SlackRequests.Mention(NewEventId(), "mtl vs stl", "1700000000.000602", channel: channel, user: PickBotApiFactory.BotUserId, type: "message", channelType: "im"));
        await SendOkAsync(SlackRequests.Mention(NewEventId(), "mtl vs stl", "1700000000.000603", channel: channel, type: "message", channelType: "im", subtype: "message_changed"));
        await SendOkAsync(SlackRequests.Mention(NewEventId(), "mtl vs stl", "1700000000.000604", channel: channel, type: "message", channelType: "channel"));
        await SendOkAsync(SlackRequests.Mention(NewEventId(), "<@UPICKBOT> mtl vs stl", "1700000000.000699", channel: channel));

        // The last one is answered; once its reply arrived, the ignored ones would have been posted before it.
        var post = await SinglePostToAsync(channel);
        Assert.Equal("1700000000.000699", (string?)post.Json!["thread_ts"]);
    }

    [Fact]
    public async Task PostEvent_SameEventRetried_RepliesExactlyOnce()
    {
        var channel = NewChannel();
        var eventId = NewEventId();
        var json = SlackRequests.Mention(eventId, "<@UPICKBOT> mtl vs stl", "1700000000.000700", channel: channel);

        await SendOkAsync(json);
        using (var retry = await host.Client.SendAsync(SlackRequests.Event(json, retryNum: 1, retryReason: "http_timeout")))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        await SendOkAsync(json, retryNum: 2);
        var marker = NewChannel();
        await SendOkAsync(SlackRequests.Mention(NewEventId(), "<@UPICKBOT> mtl vs stl", "1700000000.000701", channel: marker));
        await SinglePostToAsync(marker);
        await Task.Delay(300);

        Assert.Single(PostsTo(channel));
        Assert.Contains($"Event {eventId} already accepted", host.Factory.LogText, StringComparison.Ordinal);
        Assert.Contains("http_timeout", host.Factory.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEvent_TwoHundredMentionsAtOnce_AllAnsweredInTheirThreads()
    {
        var channel = NewChannel();
        var acks = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(NewEventId(), $"<@UPICKBOT> mtl vs stl case {i}", $"1700000001.{i:D6}", channel: channel)));
            return response.StatusCode;
        });

        var statuses = await Task.WhenAll(acks);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await host.Slack.WaitForAsync(PostMessage, 1);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (PostsTo(channel).Count < 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var threads = PostsTo(channel).Select(p => (string?)p.Json!["thread_ts"]).ToHashSet();
        Assert.Equal(200, threads.Count);
        Assert.Equal(200, PostsTo(channel).Count);
    }

    [Fact]
    public async Task PostEvent_SlackRateLimitsThenAccepts_ReplyDeliveredAfterRetryAfter()
    {
        var channel = NewChannel();
        host.Slack.EnqueueStatus(PostMessage, 429, retryAfter: "1", body: """{"ok":false,"error":"ratelimited"}""");

        await SendOkAsync(SlackRequests.Mention(NewEventId(), "<@UPICKBOT> mtl vs stl", "1700000000.000800", channel: channel));
        var post = await SinglePostToAsync(channel, includeFailed: true, count: 2);

        var attempts = PostsTo(channel);
        var gap = attempts[1].At - attempts[0].At;
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"retried after only {gap}");
        Assert.Equal("1700000000.000800", (string?)post.Json!["thread_ts"]);
    }

    [Fact]
    public async Task PostEvent_Slack500ThenOk_ReplyDelivered()
    {
        var channel = NewChannel();
        host.Slack.EnqueueStatus(PostMessage, 500);
        host.Slack.EnqueueStatus(PostMessage, 502);

        await SendOkAsync(SlackRequests.Mention(NewEventId(), "<@UPICKBOT> mtl vs stl", "1700000000.000900", channel: channel));

        await SinglePostToAsync(channel, includeFailed: true, count: 3);
    }

    [Fact]
    public async Task PostEvent_SlackSaysChannelNotFound_LogsUndeliveredReplyWithChannelThreadAndEvent()
    {
        var channel = NewChannel();
        var eventId = NewEventId();
        host.Slack.EnqueueJson(PostMessage, """{"ok":false,"error":"channel_not_found"}""");

        await SendOkAsync(SlackRequests.Mention(eventId, "<@UPICKBOT> mtl vs stl", "1700000000.001000", channel: channel));

        await Eventually.FindAsync(() => Task.FromResult(host.Factory.Logs.FirstOrDefault(l => l.Contains("NOT delivered", StringComparison.Ordinal) && l.Contains(eventId, StringComparison.Ordinal))));
        var line = host.Factory.Logs.First(l => l.Contains("NOT delivered", StringComparison.Ordinal) && l.Contains(eventId, StringComparison.Ordinal));
        Assert.Contains("channel_not_found", line, StringComparison.Ordinal);
        Assert.Contains(channel, line, StringComparison.Ordinal);
        Assert.Contains("1700000000.001000", line, StringComparison.Ordinal);
        Assert.Single(PostsTo(channel));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"type":"event_callback","event_time":"yesterday"}""")]
    public async Task PostEvent_MalformedJson_Returns400(string body)
    {
        using var response = await host.Client.SendAsync(SlackRequests.Event(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"app_rate_limited","minute_rate_limited":1518467820}""")]
    [InlineData("""{"type":"event_callback","event_id":"EvX","event":{"type":"reaction_added","user":"U1","ts":"1.2"}}""")]
    [InlineData("""{"type":"event_callback","event_id":"EvY"}""")]
    [InlineData("""{"something":"else"}""")]
    public async Task PostEvent_UnknownOrIncompleteTypes_AcknowledgedAndIgnored(string body)
    {
        using var response = await host.Client.SendAsync(SlackRequests.Event(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string NewChannel() => "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static string NewEventId() => "Ev" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private List<RecordedRequest> PostsTo(string channel) =>
        host.Slack.RequestsTo(PostMessage).Where(r => (string?)r.Json?["channel"] == channel).ToList();

    private async Task<RecordedRequest> SinglePostToAsync(string channel, bool includeFailed = false, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (PostsTo(channel).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        var posts = PostsTo(channel);
        if (!includeFailed)
        {
            return Assert.Single(posts);
        }

        Assert.Equal(count, posts.Count);
        return posts[^1];
    }

    private async Task SendOkAsync(string json, int? retryNum = null)
    {
        using var response = await host.Client.SendAsync(SlackRequests.Event(json, retryNum));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
