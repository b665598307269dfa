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
    [InlineData("list\t data\n", PickRequestKind.List, "data")]
    [InlineData("list\u00A0messaging", PickRequestKind.List, "messaging")]
    [InlineData("list  ml \t infra", PickRequestKind.Question, "list  ml \t infra")]
    [InlineData("listing", PickRequestKind.Question, "listing")]
    [InlineData("lists ml", PickRequestKind.Question, "lists ml")]
    [InlineData("help me pick kafka or rabbitmq", PickRequestKind.Question, "help me pick kafka or rabbitmq")]
    [InlineData("  kafka vs rabbitmq ", PickRequestKind.Question, "kafka vs rabbitmq")]
    public void Parse_Text_Kind(string? text, PickRequestKind kind, string rest)
    {
        var request = PickRequest.Parse(text);

        Assert.Equal(kind, request.Kind);
        Assert.Equal(rest, request.Text);
    }
}
