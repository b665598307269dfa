using PickBot.Core.Answers;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Answers;

/// <summary>Each rule of the seed entry, reached the way a person would say it.</summary>
public sealed class VerdictTests
{
    private static readonly PickEngine Engine = TestKnowledge.SeedEngine();

    [Theory]
    [InlineData("mtl vs stl, we have very little labelled data", "multi-task-learning", "scarce-labels", "little labelled data")]
    [InlineData("mtl or stl? labels are scarce and it's expensive to label", "multi-task-learning", "scarce-labels", "expensive to label")]
    [InlineData("mtl vs stl for sentiment and topic classification", "multi-task-learning", "related-tasks", "sentiment and topic")]
    [InlineData("we have 3 related tasks: mtl or stl", "multi-task-learning", "related-tasks", "related tasks")]
    [InlineData("mtl or stl, we have 4 tasks", "multi-task-learning", "related-tasks", "4 tasks")]
    [InlineData("mtl vs stl for a spam filter", "single-task-learning", "one-well-defined-task", "spam filter")]
    [InlineData("stl or mtl for recognising handwritten digits", "single-task-learning", "one-well-defined-task", "handwritten digits")]
    [InlineData("mtl vs stl: the model is business critical", "single-task-learning", "production-reliability", "business critical")]
    [InlineData("mtl vs stl on an edge device with limited compute", "single-task-learning", "limited-compute", "edge device")]
    public void Ask_SeedRuleContext_PicksByRule(string question, string pick, string rule, string decisiveWords)
    {
        var answer = Engine.Ask(question);

        Assert.Equal(pick, answer.Pick!.Id);
        Assert.Equal(rule, answer.RuleId);
        Assert.Contains(answer.DecidedBy, w => w.Contains(decisiveWords, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(answer.Entry!.Rules.Single(r => r.Id == rule).Because, answer.Justification);
    }

    [Fact]
    public void Ask_NoContext_GivesTheDefaultPickWithItsReason()
    {
        var answer = Engine.Ask("mtl vs stl");

        Assert.Equal("multi-task-learning", answer.Pick!.Id);
        Assert.True(answer.IsDefault);
        Assert.Empty(answer.DecidedBy);
        Assert.Equal(answer.Entry!.DefaultBecause, answer.Justification);
    }

    [Fact]
    public void Ask_PickedSingleTask_SaysWhenToChooseTheOther()
    {
        var answer = Engine.Ask("mtl vs stl for a spam filter");

        var other = Assert.Single(answer.Alternatives);
        Assert.Equal("multi-task-learning", other.Option.Id);
        Assert.Contains("related", other.When, StringComparison.Ordinal);
        Assert.NotEmpty(other.Cues);
        Assert.Equal(2, answer.Sources.Count);
    }

    [Fact]
    public void Ask_ContextPointsBothWaysEqually_DefaultDecidesAndSaysSo()
    {
        // "edge device" (two words) for single-task against "related tasks" (two words) for multi-task.
        var answer = Engine.Ask("mtl vs stl: related tasks and it runs on an edge device");

        Assert.True(answer.Tie);
        Assert.Equal("multi-task-learning", answer.Pick!.Id);
        Assert.Contains("both ways", answer.Justification, StringComparison.Ordinal);
        Assert.Contains(answer.DecidedBy, w => w == "related tasks");
        Assert.Contains(answer.DecidedBy, w => w == "edge device");
    }

    [Fact]
    public void Ask_EqualSignalsOneAfterBut_TheOneAfterButDecidesAndBothAreNamed()
    {
        // "A, but B": the question puts its weight on B (issue 14 item 5).
        var answer = Engine.Ask("mtl vs stl: related tasks, but it runs on an edge device");

        Assert.False(answer.Tie);
        Assert.Equal("single-task-learning", answer.Pick!.Id);
        Assert.Equal(2, answer.Sides.Count);
        Assert.Contains("came after “but”", answer.BothSides, StringComparison.Ordinal);
        Assert.Contains("“related tasks” points to Multi-Task Learning", answer.BothSides, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mtl vs stl, this is not a spam filter")]
    [InlineData("mtl vs stl, we don't have limited compute")]
    [InlineData("mtl vs stl: no spam filter here")]
    public void Ask_NegatedSignal_DoesNotCount(string question)
    {
        var answer = Engine.Ask(question);

        Assert.True(answer.IsDefault);
        Assert.Empty(answer.DecidedBy);
    }

    [Fact]
    public void Ask_NegationFarBackBehindAnOptionName_DoesNotCount()
    {
        // "no" stands four words before "edge device" once "stl" is counted: too far to negate it.
        var answer = Engine.Ask("no idea: mtl or stl on an edge device");

        Assert.Equal("limited-compute", answer.RuleId);
    }

    [Fact]
    public void Ask_LongerSignalInsideRule_ReportsTheWholePhraseOnce()
    {
        var answer = Engine.Ask("mtl vs stl for a spam filter");

        Assert.Equal(["spam filter"], answer.DecidedBy);
    }

    [Theory]
    [InlineData("kafka vs rabbitmq for a team of 4", "rabbitmq")]
    [InlineData("kafka vs rabbitmq for a team of four", "rabbitmq")]
    [InlineData("kafka vs rabbitmq for a team of 40", "rabbitmq")]
    [InlineData("kafka vs rabbitmq at 50k messages per second", "kafka")]
    [InlineData("kafka vs rabbitmq at 500 messages per second", "rabbitmq")]
    [InlineData("kafka vs rabbitmq at 200,000 messages per second", "kafka")]
    [InlineData("kafka vs rabbitmq at 2 million messages per second", "kafka")]
    public void Ask_NumberSlots_MatchTheirRange(string question, string pick)
    {
        var answer = TestKnowledge.MixedEngine().Ask(question);

        Assert.Equal(pick, answer.Pick!.Id);
        if (question.Contains("40", StringComparison.Ordinal) || question.Contains("500 ", StringComparison.Ordinal))
        {
            Assert.True(answer.IsDefault, "a number outside the slot's range must not match");
        }
    }
}
