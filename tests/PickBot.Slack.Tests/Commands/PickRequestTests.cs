using PickBot.Slack.Commands;

namespace PickBot.Slack.Tests.Commands;

public sealed class PickRequestTests
{
    [Theory]
    [InlineData(null, PickRequestKind.Help, "")]
    [InlineData("", PickRequestKind.Help, "")]
    [InlineData(" Help ", PickRequestKind.Help, "")]
    [InlineData("list", PickRequestKind.List, "")]
    [InlineData("LIST  messaging", PickRequestKind.List, "messaging")]
    [InlineData("list vs array for a queue", PickRequestKind.Question, "list vs array for a queue")]
    [InlineData("help me pick kafka or rabbitmq", PickRequestKind.Question, "help me pick kafka or rabbitmq")]
    [InlineData("  kafka vs rabbitmq ", PickRequestKind.Question, "kafka vs rabbitmq")]
    public void Parse_Text_Kind(string? text, PickRequestKind kind, string rest)
    {
        var request = PickRequest.Parse(text);

        Assert.Equal(kind, request.Kind);
        Assert.Equal(rest, request.Text);
    }
}
