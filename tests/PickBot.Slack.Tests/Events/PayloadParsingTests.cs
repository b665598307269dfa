using System.Text;
using System.Text.Json;
using PickBot.Slack.Commands;
using PickBot.Slack.Events;
using PickBot.Slack.Formatting;
using PickBot.Slack.Hosting;
using PickBot.Slack.Interactions;
using PickBot.Slack.Tests.Support;

namespace PickBot.Slack.Tests.Events;

public sealed class PayloadParsingTests
{
    [Fact]
    public void Deserialize_AppMentionFixture_ReadsEnvelopeAndEvent()
    {
        var envelope = JsonSerializer.Deserialize<EventEnvelope>(Fixture.Read("app_mention.json"), SlackJson.Options)!;

        Assert.Equal(EventEnvelope.EventCallback, envelope.Type);
        Assert.Equal("Ev123ABC456", envelope.EventId);
        Assert.Equal(1515449522, envelope.EventTime);
        Assert.Equal(SlackEvent.AppMention, envelope.Event!.Type);
        Assert.Equal("U123ABC456", envelope.Event.User);
        Assert.Equal("C123ABC456", envelope.Event.Channel);
        Assert.Equal("1515449522.000016", envelope.Event.Ts);
        Assert.Null(envelope.Event.ThreadTs);
    }

    [Fact]
    public void Deserialize_DirectMessageFixture_ReadsChannelTypeAndThread()
    {
        var envelope = JsonSerializer.Deserialize<EventEnvelope>(Fixture.Read("message_im_in_thread.json"), SlackJson.Options)!;

        Assert.Equal("im", envelope.Event!.ChannelType);
        Assert.Equal("1355517500.000001", envelope.Event.ThreadTs);
    }

    [Fact]
    public void Deserialize_BlockActionsFixture_ReadsUserChannelResponseUrlAndAction()
    {
        var payload = JsonSerializer.Deserialize<BlockActionsPayload>(Fixture.Read("block_actions.json"), SlackJson.Options)!;

        Assert.Equal(BlockActionsPayload.BlockActions, payload.Type);
        Assert.Equal("U0CA5", payload.User!.Id);
        Assert.Equal("C0CA5", payload.Channel!.Id);
        Assert.Equal("1548261231.000200", payload.Container!.MessageTs);
        Assert.StartsWith("https://hooks.slack.com/actions/", payload.ResponseUrl, StringComparison.Ordinal);
        var action = Assert.Single(payload.Actions);
        Assert.Equal(ActionIds.Helpful, action.ActionId);
        Assert.Equal("1548426417.840180", action.ActionTs);
        Assert.Equal("kafka-vs-rabbitmq", AnswerReference.Decode(action.Value)!.EntryId);
    }

    [Fact]
    public void FromForm_SlackDocumentationExample_ReadsEveryField()
    {
        const string body = "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=/weather&text=94070&response_url=https://hooks.slack.com/commands/1234/5678&trigger_id=13345224609.738474920.8088930838d88f008e0&api_app_id=A123456";

        var command = SlashCommand.FromForm(SlackForm.Parse(Encoding.UTF8.GetBytes(body)))!;

        Assert.Equal("/weather", command.Command);
        Assert.Equal("94070", command.Text);
        Assert.Equal("U2147483697", command.UserId);
        Assert.Equal("C2147483705", command.ChannelId);
        Assert.Equal("T0001", command.TeamId);
        Assert.Equal("https://hooks.slack.com/commands/1234/5678", command.ResponseUrl);
        Assert.Equal("A123456", command.ApiAppId);
    }

    [Fact]
    public void FromForm_PlusAndPercentEncodedText_Decoded()
    {
        var command = SlashCommand.FromForm(SlackForm.Parse(Encoding.UTF8.GetBytes("command=%2Fpick&user_id=U1&channel_id=C1&text=kafka+vs+rabbitmq+%26+%3C%40U2%3E")))!;

        Assert.Equal("kafka vs rabbitmq & <@U2>", command.Text);
    }

    [Theory]
    [InlineData("text=hello&user_id=U1&channel_id=C1")]
    [InlineData("command=%2Fpick&channel_id=C1")]
    [InlineData("command=%2Fpick&user_id=U1")]
    [InlineData("")]
    public void FromForm_MissingRequiredField_ReturnsNull(string body)
    {
        Assert.Null(SlashCommand.FromForm(SlackForm.Parse(Encoding.UTF8.GetBytes(body))));
    }
}
