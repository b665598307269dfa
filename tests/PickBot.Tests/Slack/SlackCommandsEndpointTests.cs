using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

public sealed class SlackCommandsEndpointTests(SlackHostFixture host) : IClassFixture<SlackHostFixture>
{
    [Fact]
    public async Task PostCommand_SignedQuestion_AnswersInChannelWithPickHeaderAndButtons()
    {
        using var response = await host.Client.SendAsync(SlackRequests.Command("mtl vs stl for a spam filter"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("in_channel", (string?)json["response_type"]);
        Assert.Contains("Single Task Learning", (string?)json["text"], StringComparison.Ordinal);
        var blocks = json["blocks"]!.AsArray();
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Equal("Pick: Single Task Learning", (string?)blocks[0]!["text"]!["text"]);
        var actions = blocks.Last()!;
        Assert.Equal("actions", (string?)actions["type"]);
        Assert.Equal(["pickbot_helpful", "pickbot_not_helpful", "pickbot_show_both_sides"], actions["elements"]!.AsArray().Select(e => (string?)e!["action_id"]));
    }

    [Fact]
    public async Task PostCommand_ManyAtOnce_EachBodyIsItsOwnAnswerWithItsLength()
    {
        // The JSON is built in a per-thread buffer: concurrent answers must never share or mix their bytes.
        (string Question, string Expected)[] asks =
        [
            ("mtl vs stl for a spam filter", "Pick: Single Task Learning"),
            ("kafka vs rabbitmq for order events", "Kafka"),
            ("list", "Multi-Task Learning vs Single Task Learning"),
            ("help", "/pick list"),
        ];
        var requests = Enumerable.Range(0, 48).Select(async i =>
        {
            var (question, expected) = asks[i % asks.Length];
            // One user per request: the per-user limit is not what this test is about.
            using var response = await host.Client.SendAsync(SlackRequests.Command(question, user: $"UMANY{i}"));
            var body = await response.Content.ReadAsByteArrayAsync();
            return (question, expected, response.Content.Headers.ContentLength, body);
        });

        foreach (var (_, expected, length, body) in await Task.WhenAll(requests))
        {
            Assert.Equal(body.Length, length);
            var json = JsonNode.Parse(body)!.ToJsonString();
            Assert.Contains(expected, json, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("  HELP ")]
    public async Task PostCommand_Help_AnswersEphemeralUsage(string text)
    {
        var json = await CommandJsonAsync(text);

        Assert.Equal("ephemeral", (string?)json["response_type"]);
        Assert.Contains("/pick list", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommand_List_AnswersEphemeralCatalog()
    {
        var json = await CommandJsonAsync("list");

        Assert.Equal("ephemeral", (string?)json["response_type"]);
        Assert.Contains("Multi-Task Learning vs Single Task Learning", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommand_ListUnknownTag_SaysSoEphemerally()
    {
        var json = await CommandJsonAsync("list nosuchtag");

        Assert.Equal("ephemeral", (string?)json["response_type"]);
        Assert.Contains("No comparisons in area or tag", (string?)json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommand_NoMatch_AnswersEphemeralAndRecordsUnanswered()
    {
        var channel = "CNOMATCH" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var response = await host.Client.SendAsync(SlackRequests.Command("mtl vs cobol", channel: channel));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("ephemeral", (string?)json["response_type"]);
        var store = host.Factory.Services.GetRequiredService<IFeedbackStore>();
        var recorded = await Eventually.FindAsync(async () => (await store.UnansweredAsync()).FirstOrDefault(q => q.ChannelId == channel));
        Assert.Equal("mtl vs cobol", recorded.Question);
        Assert.Equal("command", recorded.Origin);
        Assert.Equal("U123", recorded.UserId);
    }

    [Fact]
    public async Task PostCommand_QuestionWithChannelPing_EchoesItEscaped()
    {
        var json = await CommandJsonAsync("mtl vs stl <!channel> <@U999> & spam");

        var text = json.ToJsonString();
        Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U999>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommand_OtherCommand_AnswersPolitelyEphemeral()
    {
        var json = await CommandJsonAsync("anything", command: "/weather");

        Assert.Equal("ephemeral", (string?)json["response_type"]);
        Assert.Contains("/pick", (string?)json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommand_StaleTimestamp_Returns401WithEmptyBody()
    {
        using var response = await host.Client.SendAsync(SlackRequests.Command("mtl vs stl", at: DateTimeOffset.UtcNow.AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("StaleTimestamp", host.Factory.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommand_FutureTimestamp_Returns401()
    {
        using var response = await host.Client.SendAsync(SlackRequests.Command("mtl vs stl", at: DateTimeOffset.UtcNow.AddMinutes(6)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PostCommand_NoSignatureHeaders_Returns401()
    {
        using var request = SlackRequests.WithoutSignature("/slack/commands", "command=%2Fpick&text=mtl+vs+stl&user_id=U1&channel_id=C1", "application/x-www-form-urlencoded");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PostCommand_SignedWithAnotherSecret_Returns401AndNeverLogsTheSecret()
    {
        using var request = SlackRequests.WithSignature("/slack/commands", "command=%2Fpick&text=mtl+vs+stl&user_id=U1&channel_id=C1", "application/x-www-form-urlencoded", secret: "wrong-secret");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Mismatch", host.Factory.LogText, StringComparison.Ordinal);
        Assert.DoesNotContain(PickBotApiFactory.SigningSecret, host.Factory.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommand_BodyChangedAfterSigning_Returns401()
    {
        using var signed = SlackRequests.Command("mtl vs stl");
        using var tampered = SlackRequests.WithoutSignature("/slack/commands", (await signed.Content!.ReadAsStringAsync()).Replace("mtl", "xyz", StringComparison.Ordinal), "application/x-www-form-urlencoded");
        foreach (var header in signed.Headers)
        {
            tampered.Headers.Add(header.Key, header.Value);
        }

        using var response = await host.Client.SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostCommand_OversizeBody_Returns413()
    {
        var body = "command=%2Fpick&user_id=U1&channel_id=C1&text=" + new string('a', 300 * 1024);
        using var response = await host.Client.SendAsync(SlackRequests.WithSignature("/slack/commands", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostCommand_OversizeChunkedBody_Returns413()
    {
        var body = "command=%2Fpick&user_id=U1&channel_id=C1&text=" + new string('a', 300 * 1024);
        using var request = SlackRequests.WithSignature("/slack/commands", body, "application/x-www-form-urlencoded");
        var bytes = await request.Content!.ReadAsByteArrayAsync();
        request.Content = new StreamContent(new NonSeekableStream(bytes));
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text=mtl+vs+stl")]
    [InlineData("")]
    [InlineData("%%%&&&===")]
    [InlineData("{\"command\":\"/pick\"}")]
    public async Task PostCommand_MalformedOrIncompleteForm_Returns400(string body)
    {
        using var response = await host.Client.SendAsync(SlackRequests.WithSignature("/slack/commands", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostCommand_SslCheck_Returns200()
    {
        using var response = await host.Client.SendAsync(SlackRequests.WithoutSignature("/slack/commands", "ssl_check=1&token=abc", "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonNode> CommandJsonAsync(string text, string command = "/pick")
    {
        using var response = await host.Client.SendAsync(SlackRequests.Command(text, command));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>A body without a length, as a chunked upload arrives.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
