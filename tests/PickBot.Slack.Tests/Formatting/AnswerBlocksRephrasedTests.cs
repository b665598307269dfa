using PickBot.Slack.Blocks;
using PickBot.Slack.Formatting;
using PickBot.Slack.Tests.Support;

namespace PickBot.Slack.Tests.Formatting;

public sealed class AnswerBlocksRephrasedTests
{
    private static readonly Core.Answers.Answer SpamAnswer = SeedKnowledge.Engine().Ask("mtl vs stl for a spam filter");

    [Fact]
    public void Render_Rephrased_KeepsHeaderSourcesAndButtonsAndMarksTheWording()
    {
        var content = AnswerBlocks.Render(SpamAnswer, "/pick", "Single Task Learning fits a spam filter: one focused job.");

        var header = Assert.IsType<HeaderBlock>(content.Blocks[0]);
        Assert.Equal("Pick: Single Task Learning", header.Text.Text);
        var json = Texts(content);
        Assert.Contains("Single Task Learning fits a spam filter: one focused job.", json, StringComparison.Ordinal);
        Assert.Contains(content.Blocks.OfType<ContextBlock>(), c => c.Elements.Any(e => e.Text == AnswerBlocks.RephrasedNote));
        Assert.Contains("*Sources:*", json, StringComparison.Ordinal);
        Assert.IsType<ActionsBlock>(content.Blocks[^1]);
        Assert.DoesNotContain("*Why:*", json, StringComparison.Ordinal);
        Assert.Contains("one focused job", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoRephrasing_IsThePlainAnswerWithoutTheNote()
    {
        var content = AnswerBlocks.Render(SpamAnswer, "/pick", rephrased: null);

        Assert.DoesNotContain(content.Blocks.OfType<ContextBlock>(), c => c.Elements.Any(e => e.Text == AnswerBlocks.RephrasedNote));
        Assert.Contains(content.Blocks.OfType<SectionBlock>(), s => s.Text.Text.StartsWith("*Why:*", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_RephrasedTextWithSlackMarkup_IsEscapedSoItPingsNobody()
    {
        var content = AnswerBlocks.Render(SpamAnswer, "/pick", "STL fits <!channel> <@U999> & <https://evil.example|click>.");

        var json = Texts(content);
        Assert.Contains("&lt;!channel&gt;", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U999>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil.example", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", content.Text, StringComparison.Ordinal);
    }

    /// <summary>The text of every header, section and context block, as Slack would receive it.</summary>
    private static string Texts(MessageContent content) => string.Join('\n', content.Blocks.SelectMany(b => b switch
    {
        HeaderBlock h => [h.Text.Text],
        SectionBlock s => [s.Text.Text],
        ContextBlock c => c.Elements.Select(e => e.Text),
        _ => Enumerable.Empty<string>(),
    }));
}
