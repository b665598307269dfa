using PickBot.Core.Knowledge;

namespace PickBot.Core.Tests.Knowledge;

// The records keep all their prose in one UTF-8 block; setting one part (as `with` does) must keep the others.
public sealed class CompactRecordTests
{
    private static readonly SourceLocation At = new("ml/x.yaml", 3, 5);

    [Fact]
    public void ComparisonSide_WithOnePart_KeepsTheOtherParts()
    {
        var side = new ComparisonSide("kafka", "ordered replay, ünïcode", ["durable", "fast"], ["ops heavy"], [], At);

        var changed = side with { Cons = ["needs ZooKeeper or KRaft", "partitions"] };

        Assert.Equal("ordered replay, ünïcode", changed.UseWhen);
        Assert.Equal(["durable", "fast"], changed.Pros);
        Assert.Equal(["needs ZooKeeper or KRaft", "partitions"], changed.Cons);
        Assert.Empty(changed.Examples);
        Assert.Equal(["ops heavy"], side.Cons);
    }

    [Fact]
    public void VerdictRule_WhenAndBecause_ReadBackAsWritten()
    {
        var rule = new VerdictRule("r1", "kafka", ["replay", "", "team of {n<=5}"], "it keeps the log", At);

        var changed = rule with { Because = string.Empty };

        Assert.Equal(["replay", "", "team of {n<=5}"], changed.When);
        Assert.Equal(3, changed.WhenCount);
        Assert.Equal("team of {n<=5}", changed.WhenAt(2));
        Assert.Equal(string.Empty, changed.Because);
        Assert.Equal("it keeps the log", rule.Because);
    }

    [Fact]
    public void Records_SameTextInDifferentLists_AreEqual()
    {
        var a = new ComparisonSide("kafka", "u", ["p"], ["c"], ["e"], At);
        var b = new ComparisonSide("kafka", "u", new List<string> { "p" }, ["c"], ["e"], At);

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Examples = ["other"] });
    }
}
