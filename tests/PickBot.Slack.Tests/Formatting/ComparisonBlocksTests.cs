using PickBot.Slack.Blocks;
using PickBot.Slack.Formatting;
using PickBot.Slack.Tests.Support;

namespace PickBot.Slack.Tests.Formatting;

public sealed class ComparisonBlocksTests
{
    [Fact]
    public void Render_RealComparison_EveryOptionWithUseWhenProsConsExamples()
    {
        var kb = TestKnowledge.Base;
        var comparison = kb.FindComparison("multi-task-vs-single-task-learning")!;

        var content = ComparisonBlocks.Render(comparison, kb, "single-task-learning");

        var text = string.Join("\n", content.Blocks.OfType<SectionBlock>().Select(s => s.Text.Text));
        Assert.Contains("*Multi-Task Learning*", text, StringComparison.Ordinal);
        Assert.Contains("*Single Task Learning*  _(my pick for your question)_", text, StringComparison.Ordinal);
        Assert.Equal(2, content.Blocks.OfType<SectionBlock>().Count(s => s.Text.Text.StartsWith("*Pros*", StringComparison.Ordinal)));
        Assert.Equal(2, content.Blocks.OfType<SectionBlock>().Count(s => s.Text.Text.StartsWith("*Cons*", StringComparison.Ordinal)));
        Assert.Contains("Handwritten digit recognition", text, StringComparison.Ordinal);
        Assert.Contains("*How I decide:*", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyLongOptions_WithinBlockKitLimits()
    {
        var comparison = TestKnowledge.Comparison(sides: 12, itemLength: 900, items: 5);

        var content = ComparisonBlocks.Render(comparison, TestKnowledge.Base);

        Assert.True(content.Blocks.Count <= BlockLimits.MaxBlocks);
        Assert.All(content.Blocks.OfType<SectionBlock>(), s => Assert.True(s.Text.Text.Length <= BlockLimits.MaxSectionText));
        Assert.True(content.Text.Length <= BlockLimits.MaxFallbackText);
    }
}
