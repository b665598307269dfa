using PickBot.Core.Text;

namespace PickBot.Core.Tests.Text;

public sealed class SlackTextTests
{
    [Theory]
    [InlineData("<@U123ABC> mtl vs stl", "mtl vs stl")]
    [InlineData("<@W123|jane> mtl", "mtl")]
    [InlineData("<#C123|general> mtl", "mtl")]
    [InlineData("<!channel> <!here> <!subteam^S123> mtl", "mtl")]
    [InlineData("<https://example.com|Kafka docs> or rabbit", "Kafka docs or rabbit")]
    [InlineData("see <https://example.com>", "see")]
    [InlineData("*bold* _italic_ `code`", "bold italic code")]
    [InlineData(":thinking_face: mtl :+1:", "mtl")]
    [InlineData("a &amp; b &lt;c&gt;", "a & b <c>")]
    [InlineData("c++ and c# and node_modules", "c++ and c# and node_modules")]
    [InlineData("meet at 10:30:00", "meet at 10:30:00")]
    [InlineData("~REST~ GraphQL vs gRPC", "GraphQL vs gRPC")]
    public void ToPlain_SlackMarkup_LeavesThePlainWords(string input, string expected)
    {
        var plain = SlackText.ToPlain(input);

        Assert.Equal(expected, string.Join(' ', plain.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Escape_SpecialCommandsAndMentions_PingNobody()
    {
        var escaped = SlackText.Escape("<!channel> & <@U123>");

        Assert.Equal("&lt;!channel&gt; &amp; &lt;@U123&gt;", escaped);
    }
}
