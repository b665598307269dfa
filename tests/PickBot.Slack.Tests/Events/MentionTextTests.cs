using PickBot.Slack.Events;

namespace PickBot.Slack.Tests.Events;

public sealed class MentionTextTests
{
    [Theory]
    [InlineData("<@UBOT> kafka vs rabbitmq", "kafka vs rabbitmq")]
    [InlineData("What is the hour of the pearl, <@UBOT>?", "What is the hour of the pearl, ?")]
    [InlineData("kafka <@UBOT> vs rabbitmq", "kafka vs rabbitmq")]
    [InlineData("<@UBOT|pickbot> kafka", "kafka")]
    [InlineData("<@UBOT> ask <@UOTHER> about kafka", "ask <@UOTHER> about kafka")]
    [InlineData("<@UBOT>", "")]
    public void StripBotMention_KnownBotId_RemovesOnlyItsMentionsAnywhere(string text, string expected)
    {
        Assert.Equal(expected, MentionText.StripBotMention(text, "UBOT"));
    }

    [Theory]
    [InlineData("<@UBOT> kafka vs rabbitmq", "kafka vs rabbitmq")]
    [InlineData("  <@W12AB> kafka", "kafka")]
    [InlineData("kafka <@UBOT>", "kafka <@UBOT>")]
    public void StripBotMention_UnknownBotId_RemovesOnlyALeadingMention(string text, string expected)
    {
        Assert.Equal(expected, MentionText.StripBotMention(text, null));
    }
}
