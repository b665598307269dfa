using PickBot.Core.Answers;
using PickBot.Core.Feedback;
using PickBot.Core.Knowledge;
using PickBot.Slack.Formatting;
using PickBot.Slack.Tests.Support;

namespace PickBot.Slack.Tests.Formatting;

public sealed class HomeBlocksTests
{
    [Fact]
    public void Examples_EachOneIsAnsweredWithAPickFromItsOwnWords()
    {
        var engine = TestKnowledge.Engine();

        var examples = HomeBlocks.Examples(engine);

        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Equal(AnswerKind.Pick, engine.Ask(e).Kind));
        Assert.All(examples, e => Assert.False(engine.Ask(e).IsDefault));
    }

    [Fact]
    public void Render_Admin_AddsStatusAndTheMostAskedUnanswered()
    {
        var engine = TestKnowledge.Engine();
        var status = KnowledgeStatus.From(new KnowledgeStore(engine.Knowledge));
        var unanswered = new[] { new UnansweredGroup("graphql vs grpc?", 7, ["graphql", "grpc"], [], DateTimeOffset.UtcNow, ["mention"]) };

        var everyone = Text(HomeBlocks.Render(engine, "/pick"));
        var admin = Text(HomeBlocks.Render(engine, "/pick", new HomeAdminSection(status, unanswered)));

        Assert.DoesNotContain("Knowledge status", everyone, StringComparison.Ordinal);
        Assert.Contains("Knowledge status", admin, StringComparison.Ordinal);
        Assert.Contains("7× “graphql vs grpc?”", admin, StringComparison.Ordinal);
        Assert.Contains($"({engine.Knowledge.Comparisons.Count} comparisons", everyone, StringComparison.Ordinal);
    }

    private static string Text(IReadOnlyList<PickBot.Slack.Blocks.Block> blocks) =>
        System.Text.Json.JsonSerializer.Serialize(blocks, SlackJson.Options);
}
