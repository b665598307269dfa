using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Core.Knowledge;
using PickBot.Slack.Formatting;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

/// <summary>
/// Signed interaction payloads of every shape, built from the pieces a real block_actions payload has, each piece
/// also replaced by null, the wrong JSON type or a stale value. Through the real endpoint: never a 5xx, and no vote
/// is stored for an entry or pick the knowledge base does not have.
/// </summary>
[Properties(MaxTest = 150)]
public sealed class InteractionPayloadProperties(SlackHostFixture host) : IClassFixture<SlackHostFixture>
{
    private const string Entry = "multi-task-vs-single-task-learning";

    private static readonly string[] Values =
    [
        Json(new AnswerReference("mtl vs stl", Entry, "single-task-learning").Encode()),
        Json(new AnswerReference("mtl vs stl", "no-such-entry", "single-task-learning").Encode()),
        Json(new AnswerReference("mtl vs stl", Entry, "no-such-pick").Encode()),
        Json(new AnswerReference("mtl vs stl", null, null).Encode()),
        Json(new AnswerReference("mtl vs stl", Entry, null).Encode()),
        Json("""{"q":null,"e":"x"}"""), Json("not json"), Json("null"), Json("{}"), Json("[]"), "null", "5", "{}", "[]", "\"\"",
    ];

    private static readonly string[] ActionIdsSeen =
        [Json(ActionIds.Helpful), Json(ActionIds.NotHelpful), Json(ActionIds.ShowBothSides), Json("other"), "null", "7", "{}", "[]"];

    private static readonly string[] Odd = ["null", "5", "\"x\"", "[]", "{}", "true"];

    [Property]
    public Property PostInteraction_AnyPayloadShape_NeverA5xxAndNoUnknownVoteStored() => Prop.ForAll(Payloads().ToArbitrary(), payload =>
    {
        using var response = host.Client.SendAsync(SlackRequests.Interaction(payload)).GetAwaiter().GetResult();

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {payload}");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {payload}");
        var kb = host.Factory.Services.GetRequiredService<KnowledgeStore>().Current;
        var votes = host.Factory.Services.GetRequiredService<IFeedbackStore>().VotesAsync().GetAwaiter().GetResult();
        Assert.All(votes, v => Assert.NotNull(kb.FindComparison(v.EntryId ?? "")?.Side(v.PickId ?? "")));
    });

    [Fact]
    public async Task PostInteraction_NullAction_AcknowledgedWithout500()
    {
        using var response = await host.Client.SendAsync(SlackRequests.Interaction("""{"type":"block_actions","user":{"id":"U1"},"actions":[null]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("no-such-entry", "single-task-learning")]
    [InlineData(Entry, "no-such-pick")]
    [InlineData(Entry, null)]
    public async Task PostInteraction_VoteForUnknownEntryOrPick_RefusedWithAReplyAndNotStored(string entry, string? pick)
    {
        var channel = "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var responseUrl = host.Slack.ResponseUrl(channel);

        using var response = await host.Client.SendAsync(SlackRequests.Click(ActionIds.Helpful, new AnswerReference("x vs y", entry, pick).Encode(), responseUrl, channel: channel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await host.Slack.WaitForAsync(responseUrl.AbsolutePath, 1));
        Assert.Contains("could not record", (string?)reply.Json!["text"], StringComparison.Ordinal);
        var votes = await host.Factory.Services.GetRequiredService<IFeedbackStore>().VotesAsync();
        Assert.DoesNotContain(votes, v => v.ChannelId == channel);
    }

    private Gen<string> Payloads()
    {
        var action = Gen.Elements(ActionIdsSeen).SelectMany(id => Gen.Elements(Values).SelectMany(value => Gen.Elements("\"1700000100.1\"", "null", "\"abc\"", "-1", "\"-1e30\"")
            .Select(ts => $$"""{"action_id":{{id}},"value":{{value}},"action_ts":{{ts}},"type":"button"}""")));
        var actions = Gen.OneOf(
            Gen.Elements(Odd),
            Gen.ArrayOf(Gen.OneOf(action, Gen.Elements(Odd)), 0).Select(items => "[" + string.Join(",", items.Take(4)) + "]"));
        var channel = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        return Gen.Elements(Json("block_actions"), Json("view_submission"), "null", "3")
            .SelectMany(type => Gen.Elements("""{"id":"U1"}""", """{"id":null}""", "null", "\"U1\"", "[]")
            .SelectMany(user => Gen.Elements($$"""{"id":"{{channel}}"}""", "null", "{}", "\"C1\"")
            .SelectMany(ch => Gen.Elements($$"""{"message_ts":"1.2","channel_id":"{{channel}}"}""", "null", """{"message_ts":5}""", "[]")
            .SelectMany(container => Gen.Elements(Json(host.Slack.ResponseUrl(channel).ToString()), "\"not a url\"", "\"file:///etc/passwd\"", "null", "5")
            .SelectMany(url => actions.Select(a =>
                $$"""{"type":{{type}},"user":{{user}},"channel":{{ch}},"container":{{container}},"response_url":{{url}},"actions":{{a}} }"""))))));
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
