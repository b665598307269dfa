using System.Text.Json;
using PickBot.Core.Conversations;
using PickBot.Slack.Blocks;
using PickBot.Slack.Formatting;
using PickBot.Slack.Tests.Support;

namespace PickBot.Slack.Tests.Formatting;

public sealed class ThreadAnswerBlocksTests
{
    private static readonly ThreadAnswerer Answerer = new(TestKnowledge.Engine());

    private static readonly ThreadMessage[] Thread =
    [
        new("kafka or rabbitmq for order events?", "Ben"),
        new("we must replay every event for the audit", "Ana <!channel>"),
    ];

    [Fact]
    public void Render_ThreadAnswer_NamesWhoDecidedEscaped()
    {
        var content = ThreadAnswerBlocks.Render(Answerer.Ask(new ThreadMessage("what do you think?", "Cleo"), Thread));

        var decided = Sections(content).Single(s => s.StartsWith("*Decided by:*", StringComparison.Ordinal));
        Assert.Contains("” (Ana &lt;!channel&gt;)", decided, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", Json(content), StringComparison.Ordinal);
        Assert.Contains("Comparison and context read from this thread.", Json(content), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhyNot_LeadsWithTheExplanationAndKeepsTheButtonsLast()
    {
        var content = ThreadAnswerBlocks.Render(Answerer.Ask(new ThreadMessage("why not rabbitmq?", "Cleo"), Thread));

        Assert.IsType<HeaderBlock>(content.Blocks[0]);
        Assert.StartsWith("*Why not RabbitMQ?* RabbitMQ wins when", ((SectionBlock)content.Blocks[1]).Text.Text, StringComparison.Ordinal);
        Assert.IsType<ActionsBlock>(content.Blocks[^1]);
        Assert.StartsWith("Why not RabbitMQ? Pick: Apache Kafka", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LaterWordsOverrule_SaysWhichEarlierWordsPointedElsewhere()
    {
        var content = ThreadAnswerBlocks.Render(Answerer.Ask(new ThreadMessage("what if we were 3 engineers?", "Cleo"), Thread));

        Assert.StartsWith("Pick: RabbitMQ", content.Text, StringComparison.Ordinal);
        Assert.Contains("pointed to Apache Kafka, but later words decided", Json(content), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PlainQuestion_KeepsTheUsualYourWordsLine()
    {
        var content = AnswerBlocks.Render(TestKnowledge.Engine().Ask("kafka or rabbitmq, we must replay events"));

        Assert.Contains(Sections(content), s => s.StartsWith("*Decided by your words:*", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Sections(MessageContent content) => content.Blocks.OfType<SectionBlock>().Select(s => s.Text.Text);

    private static string Json(MessageContent content) => JsonSerializer.Serialize(content.Blocks, SlackJson.Options);
}
