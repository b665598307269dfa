using System.Text.Json;
using System.Text.Json.Nodes;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Slack.Blocks;
using PickBot.Slack.Formatting;
using PickBot.Slack.Tests.Support;

namespace PickBot.Slack.Tests.Formatting;

public sealed class AnswerBlocksTests
{
    [Fact]
    public void Render_RealPick_HeaderJustificationDecidedByAlternativeSourcesAndButtons()
    {
        var answer = TestKnowledge.Engine().Ask("mtl vs stl for a spam filter");

        var content = AnswerBlocks.Render(answer);

        var json = Json(content);
        Assert.Equal("header", (string?)json[0]!["type"]);
        Assert.Equal("Pick: Single Task Learning", (string?)json[0]!["text"]!["text"]);
        var all = json.ToJsonString(SlackJson.Options);
        Assert.Contains("*Why:*", all, StringComparison.Ordinal);
        Assert.Contains("*Decided by your words:* “spam filter”", all, StringComparison.Ordinal);
        Assert.Contains("*Choose Multi-Task Learning instead if:*", all, StringComparison.Ordinal);
        Assert.Contains("<https://arxiv.org/abs/1706.05098|Ruder", all, StringComparison.Ordinal);
        var actions = json[json.Count - 1]!;
        Assert.Equal("actions", (string?)actions["type"]);
        Assert.Equal(3, actions["elements"]!.AsArray().Count);
    }

    [Fact]
    public void Render_TwoPicksOfOneEntryInTurn_EachKeepsItsOwnHeaderReasonAndAlternative()
    {
        // The entry's parts are made once and reused: one entry's two picks must not borrow each other's.
        var engine = TestKnowledge.Engine();
        var single = engine.Ask("mtl vs stl for a spam filter");
        var multi = engine.Ask("MTL or STL? we only have a few hundred labelled examples per task, and labelling is expensive");
        Assert.Same(single.Entry, multi.Entry);

        var first = Json(AnswerBlocks.Render(single)).ToJsonString(SlackJson.Options);
        var other = AnswerBlocks.Render(multi);
        var again = Json(AnswerBlocks.Render(single)).ToJsonString(SlackJson.Options);

        var json = Json(other).ToJsonString(SlackJson.Options);
        Assert.Equal("Pick: Multi-Task Learning", ((HeaderBlock)other.Blocks[0]).Text.Text);
        Assert.Contains($"*Why:* {multi.Justification}", json, StringComparison.Ordinal);
        Assert.Contains("*Choose Single Task Learning instead if:*", json, StringComparison.Ordinal);
        Assert.DoesNotContain("*Choose Multi-Task Learning instead if:*", json, StringComparison.Ordinal);
        Assert.StartsWith("Pick: Multi-Task Learning (", other.Text, StringComparison.Ordinal);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Render_SameEntryWithAnotherReasonOrOptionName_ShowsTheAnswersOwn()
    {
        // A tie's reason quotes the question, and a reload can rename an option: what is shown is always the answer's.
        var answer = TestKnowledge.Engine().Ask("mtl vs stl for a spam filter");
        _ = AnswerBlocks.Render(answer);
        var other = answer.Alternatives[0];
        var changed = answer with
        {
            Tie = true,
            Justification = "Your question points both ways.",
            Alternatives = [other with { Option = other.Option with { Name = "Renamed MTL" } }],
        };

        var json = Json(AnswerBlocks.Render(changed)).ToJsonString(SlackJson.Options);

        Assert.Contains("*Why:* Your question points both ways.", json, StringComparison.Ordinal);
        Assert.Contains("*Choose Renamed MTL instead if:*", json, StringComparison.Ordinal);
        Assert.Contains("*Why:* " + answer.Justification, Json(AnswerBlocks.Render(answer)).ToJsonString(SlackJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnswerWithOtherSourcesThanItsEntry_ListsItsOwn()
    {
        var answer = TestKnowledge.Engine().Ask("mtl vs stl for a spam filter");
        _ = AnswerBlocks.Render(answer);

        var json = Json(AnswerBlocks.Render(answer with { Sources = [new Source("Our wiki", "https://wiki.example.com/mtl")] })).ToJsonString(SlackJson.Options);

        Assert.Contains("<https://wiki.example.com/mtl|Our wiki>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("arxiv.org", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Pick_FallbackTextCarriesThePick()
    {
        var content = AnswerBlocks.Render(TestKnowledge.Pick());

        Assert.StartsWith("Pick: Option A", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DefaultPick_SaysNothingPointedEitherWay()
    {
        var content = AnswerBlocks.Render(TestKnowledge.Pick(decidedBy: []));

        Assert.Contains("default pick", Json(content).ToJsonString(SlackJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_QuestionWithPingsAndFakeMentions_EscapedEverywhere()
    {
        var answer = TestKnowledge.Pick(question: "a vs b <!channel> <!here> <@U123>", decidedBy: ["<!channel>", "<@U123|boss>"], corrections: ["<!here> → Option A"]);

        var content = AnswerBlocks.Render(answer);

        // Button values are data that comes back to PickBot, not text Slack displays: everything else is checked.
        var shown = content.Blocks.Where(b => b is not ActionsBlock).ToList();
        var all = JsonSerializer.Serialize<IReadOnlyList<Block>>(shown, SlackJson.Options) + content.Text;
        Assert.DoesNotContain("<!channel>", all, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here>", all, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U123", all, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Corrections_ShownAsReadXAsY()
    {
        var content = AnswerBlocks.Render(TestKnowledge.Pick(corrections: ["kafak → Kafka"]));

        Assert.Contains("Read “kafak” as “Kafka”", Json(content).ToJsonString(SlackJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SourceTitleWithMarkup_EscapedInsideLink()
    {
        var content = AnswerBlocks.Render(TestKnowledge.Pick());

        Assert.Contains("<https://example.com/a?b=1&c=2|Docs &amp; &lt;things&gt;>", Json(content).ToJsonString(SlackJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeJustification_SectionTrimmedTo3000WithMarker()
    {
        var content = AnswerBlocks.Render(TestKnowledge.Pick(justification: new string('w', 10_000)));

        var sections = content.Blocks.OfType<SectionBlock>().ToList();
        Assert.All(sections, s => Assert.True(s.Text.Text.Length <= BlockLimits.MaxSectionText));
        Assert.Contains(sections, s => s.Text.Text.EndsWith(BlockLimits.TrimMarker, StringComparison.Ordinal));
        Assert.True(content.Text.Length <= BlockLimits.MaxFallbackText);
    }

    [Fact]
    public void Render_LongOptionName_HeaderTrimmedTo150()
    {
        var answer = TestKnowledge.Pick() with { Pick = new OptionRef("x", new string('N', 400)) };

        var header = Assert.IsType<HeaderBlock>(AnswerBlocks.Render(answer).Blocks[0]);

        Assert.True(header.Text.Text.Length <= BlockLimits.MaxHeaderText);
        Assert.EndsWith(BlockLimits.ShortTrimMarker, header.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SixtyAlternatives_CappedAt50BlocksKeepingButtons()
    {
        var content = AnswerBlocks.Render(TestKnowledge.Pick(alternatives: 60));

        Assert.Equal(BlockLimits.MaxBlocks, content.Blocks.Count);
        Assert.IsType<ActionsBlock>(content.Blocks[^1]);
        Assert.Contains("trimmed to fit", ((ContextBlock)content.Blocks[^2]).Elements[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_VeryLongQuestion_ButtonValuesStayWithin2000AndDecode()
    {
        var content = AnswerBlocks.Render(TestKnowledge.Pick(question: string.Concat(Enumerable.Repeat("kafka \"or\" rabbitmq 🐇 ", 400))));

        var buttons = content.Blocks.OfType<ActionsBlock>().Single().Elements;
        Assert.All(buttons, b => Assert.True(b.Value!.Length <= BlockLimits.MaxButtonValue, $"value of {b.Value!.Length}"));
        var reference = AnswerReference.Decode(buttons[0].Value);
        Assert.NotNull(reference);
        Assert.Equal("a-vs-b", reference.EntryId);
        Assert.Equal("opt-0", reference.PickId);
    }

    [Fact]
    public void Render_NoMatchWithSuggestions_MessageAndDidYouMeanList()
    {
        var answer = new Answer
        {
            Kind = AnswerKind.NoMatch,
            Question = "kafak vs <!here>",
            Message = "I could not tell which options you mean. Did you mean one of these?",
            Suggestions = [new Suggestion("Kafka vs RabbitMQ", "kafka vs rabbitmq", "kafka-vs-rabbitmq")],
        };

        var content = AnswerBlocks.Render(answer, "/pick");

        var section = Assert.IsType<SectionBlock>(Assert.Single(content.Blocks));
        Assert.Contains("Did you mean", section.Text.Text, StringComparison.Ordinal);
        Assert.Contains("• Kafka vs RabbitMQ — try `/pick kafka vs rabbitmq`", section.Text.Text, StringComparison.Ordinal);
        Assert.Equal(answer.Message, content.Text);
    }

    [Fact]
    public void Serialize_Blocks_UseSlackTypeNamesAndSnakeCase()
    {
        var json = JsonSerializer.Serialize<IReadOnlyList<Block>>([BlockLimits.Button("b", "act") is var b ? new ActionsBlock([b]) : null!, new DividerBlock()], SlackJson.Options);

        Assert.Equal("""[{"type":"actions","elements":[{"text":{"type":"plain_text","text":"b"},"action_id":"act","type":"button"}]},{"type":"divider"}]""", json);
    }

    private static JsonArray Json(MessageContent content) => JsonNode.Parse(JsonSerializer.Serialize(content.Blocks, SlackJson.Options))!.AsArray();
}
