using PickBot.Slack.Formatting;

namespace PickBot.Slack.Tests.Formatting;

public sealed class BlockLimitsTests
{
    [Fact]
    public void Trim_ShortText_Unchanged()
    {
        Assert.Equal("short", BlockLimits.Trim("short", 10));
    }

    [Fact]
    public void Trim_LongText_ExactlyMaxWithMarker()
    {
        var trimmed = BlockLimits.Trim(new string('a', 100), 50);

        Assert.Equal(50, trimmed.Length);
        Assert.EndsWith(BlockLimits.TrimMarker, trimmed, StringComparison.Ordinal);
    }

    [Fact]
    public void Trim_CutInsideAnEscape_CutsBeforeTheEscape()
    {
        var text = new string('a', 37) + "&amp;" + new string('b', 20);

        var trimmed = BlockLimits.Trim(text, 50);

        Assert.Equal(new string('a', 37) + BlockLimits.TrimMarker, trimmed);
    }

    [Fact]
    public void Trim_CutInsideSurrogatePair_KeepsThePairWhole()
    {
        var text = new string('a', 38) + "🐇" + new string('b', 20);

        var trimmed = BlockLimits.Trim(text, 50);

        Assert.Equal(new string('a', 38) + BlockLimits.TrimMarker, trimmed);
    }
}
