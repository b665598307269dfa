using PickBot.Slack.Formatting;

namespace PickBot.Slack.Tests.Formatting;

public sealed class AnswerReferenceTests
{
    [Fact]
    public void Decode_EncodedReference_RoundTrips()
    {
        var reference = new AnswerReference("kafka vs rabbitmq \"quoted\" <b>", "kafka-vs-rabbitmq", "kafka");

        Assert.Equal(reference, AnswerReference.Decode(reference.Encode()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("click_me_123")]
    [InlineData("{\"e\":\"x\"}")]
    [InlineData("[1]")]
    public void Decode_NotOurs_ReturnsNull(string? value)
    {
        Assert.Null(AnswerReference.Decode(value));
    }

    [Fact]
    public void Encode_QuestionOfEscapingCharacters_StaysWithinButtonLimit()
    {
        var encoded = new AnswerReference(new string('"', 3000), "e", "p").Encode();

        Assert.True(encoded.Length <= BlockLimits.MaxButtonValue);
        Assert.EndsWith("…", AnswerReference.Decode(encoded)!.Question, StringComparison.Ordinal);
    }
}
