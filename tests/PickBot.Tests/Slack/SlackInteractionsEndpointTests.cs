using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Slack.Formatting;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

public sealed class SlackInteractionsEndpointTests(SlackHostFixture host) : IClassFixture<SlackHostFixture>
{
    private static readonly string Reference = new AnswerReference("mtl vs stl for a spam filter", "multi-task-vs-single-task-learning", "single-task-learning").Encode();

    [Fact]
    public async Task PostInteraction_HelpfulClick_StoresVoteAndThanksEphemerally()
    {
        var channel = NewChannel();
        var responseUrl = host.Slack.ResponseUrl(channel);

        using var response = await host.Client.SendAsync(SlackRequests.Click(ActionIds.Helpful, Reference, responseUrl, channel: channel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var vote = Assert.Single(await VotesInAsync(channel));
        Assert.True(vote.Helpful);
        Assert.Equal("mtl vs stl for a spam filter", vote.Question);
        Assert.Equal("multi-task-vs-single-task-learning", vote.EntryId);
        Assert.Equal("single-task-learning", vote.PickId);
        Assert.Equal("U123", vote.UserId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000100123), vote.At);
        var thanks = Assert.Single(await host.Slack.WaitForAsync(responseUrl.AbsolutePath, 1));
        Assert.Equal("ephemeral", (string?)thanks.Json!["response_type"]);
        Assert.False((bool)thanks.Json["replace_original"]!);
        Assert.Contains("Thanks", (string?)thanks.Json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostInteraction_NotHelpfulClick_StoresNotHelpful()
    {
        var channel = NewChannel();

        using var response = await host.Client.SendAsync(SlackRequests.Click(ActionIds.NotHelpful, Reference, host.Slack.ResponseUrl(channel), channel: channel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(Assert.Single(await VotesInAsync(channel)).Helpful);
    }

    [Fact]
    public async Task PostInteraction_SameClickDeliveredTwice_StoredOnce()
    {
        var channel = NewChannel();
        using (var first = await host.Client.SendAsync(SlackRequests.Click(ActionIds.Helpful, Reference, host.Slack.ResponseUrl(channel), channel: channel)))
        using (var second = await host.Client.SendAsync(SlackRequests.Click(ActionIds.Helpful, Reference, host.Slack.ResponseUrl(channel), channel: channel)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        Assert.Single(await VotesInAsync(channel));
    }

    [Fact]
    public async Task PostInteraction_ShowBothSides_RepliesEphemerallyWithEveryOptionsProsConsAndExamples()
    {
        var channel = NewChannel();
        var responseUrl = host.Slack.ResponseUrl(channel);

        using var response = await host.Client.SendAsync(SlackRequests.Click(ActionIds.ShowBothSides, Reference, responseUrl, channel: channel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await host.Slack.WaitForAsync(responseUrl.AbsolutePath, 1));
        Assert.Equal("ephemeral", (string?)reply.Json!["response_type"]);
        var text = reply.Json["blocks"]!.ToJsonString();
        Assert.Contains("Multi-Task Learning", text, StringComparison.Ordinal);
        Assert.Contains("Single Task Learning", text, StringComparison.Ordinal);
        Assert.Contains("*Pros*", text, StringComparison.Ordinal);
        Assert.Contains("*Cons*", text, StringComparison.Ordinal);
        Assert.Contains("Spam email detection", text, StringComparison.Ordinal);
        Assert.Contains("my pick for your question", text, StringComparison.Ordinal);
        Assert.Empty(await VotesInAsync(channel));
    }

    [Fact]
    public async Task PostInteraction_ShowBothSidesForUnknownEntry_SaysItIsGone()
    {
        var channel = NewChannel();
        var responseUrl = host.Slack.ResponseUrl(channel);
        var stale = new AnswerReference("x vs y", "no-such-entry", "x").Encode();

        using var response = await host.Client.SendAsync(SlackRequests.Click(ActionIds.ShowBothSides, stale, responseUrl, channel: channel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await host.Slack.WaitForAsync(responseUrl.AbsolutePath, 1));
        Assert.Contains("no longer", (string?)reply.Json!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostInteraction_VoteWithUnreadableValue_StoresNothingAndSaysSo()
    {
        var channel = NewChannel();
        var responseUrl = host.Slack.ResponseUrl(channel);

        using var response = await host.Client.SendAsync(SlackRequests.Click(ActionIds.Helpful, "not-json", responseUrl, channel: channel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await host.Slack.WaitForAsync(responseUrl.AbsolutePath, 1));
        Assert.Contains("could not tell", (string?)reply.Json!["text"], StringComparison.Ordinal);
        Assert.Empty(await VotesInAsync(channel));
    }

    [Fact]
    public async Task PostInteraction_UnknownAction_AcknowledgedAndIgnored()
    {
        var channel = NewChannel();

        using var response = await host.Client.SendAsync(SlackRequests.Click("somebody_elses_button", Reference, host.Slack.ResponseUrl(channel), channel: channel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await VotesInAsync(channel));
    }

    [Theory]
    [InlineData("""{"type":"view_submission","view":{}}""")]
    [InlineData("""{"type":"shortcut","callback_id":"x"}""")]
    [InlineData("""{"type":"block_actions","actions":null}""")]
    public async Task PostInteraction_OtherPayloadTypes_AcknowledgedAndIgnored(string payload)
    {
        using var response = await host.Client.SendAsync(SlackRequests.Interaction(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("payload=%7Bnot+json")]
    [InlineData("payload=")]
    [InlineData("nopayload=1")]
    [InlineData("payload=%5B1%2C2%5D")]
    [InlineData("payload=null")]
    public async Task PostInteraction_MalformedForm_Returns400(string body)
    {
        using var response = await host.Client.SendAsync(SlackRequests.WithSignature("/slack/interactions", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostInteraction_Unsigned_Returns401()
    {
        using var request = SlackRequests.WithoutSignature("/slack/interactions", "payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostInteraction_StaleSignature_Returns401()
    {
        using var request = SlackRequests.WithSignature("/slack/interactions", "payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded", DateTimeOffset.UtcNow.AddMinutes(-6));

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string NewChannel() => "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private async Task<List<Vote>> VotesInAsync(string channel) =>
        (await host.Factory.Services.GetRequiredService<IFeedbackStore>().VotesAsync()).Where(v => v.ChannelId == channel).ToList();
}
