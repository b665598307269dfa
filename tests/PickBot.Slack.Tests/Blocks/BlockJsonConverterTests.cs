using System.Text.Json;
using PickBot.Core.Evaluation;
using PickBot.Slack.Blocks;
using PickBot.Slack.Commands;
using PickBot.Slack.Formatting;
using PickBot.Slack.Tests.Support;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Tests.Blocks;

/// <summary>
/// The hand-written Block Kit writer against the specification it replaces: the serializer following the attributes
/// on <see cref="Block"/>. Same options otherwise, same bytes required.
/// </summary>
public sealed class BlockJsonConverterTests
{
    private static readonly JsonSerializerOptions Attributes = SlackJson.Create(handWrittenBlocks: false);
    private static readonly JsonSerializerOptions Strict = new(SlackJson.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions Indented = new(SlackJson.Options) { WriteIndented = true };
    private static readonly JsonSerializerOptions AttributesIndented = new(Attributes) { WriteIndented = true };

    public static TheoryData<string> Questions()
    {
        var data = new TheoryData<string>();
        foreach (var question in EvalSetLoader.LoadPath(Path.Combine(TestKnowledge.KnowledgePath(), "eval")).Cases.Select(c => c.Question).Distinct(StringComparer.Ordinal))
        {
            data.Add(question);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Serialize_EveryEvalQuestionsAnswer_SameBytesAsTheAttributes(string question)
    {
        var answer = TestKnowledge.Engine().Ask(question);

        AssertSameJson(SlashCommandResponse.From(SlackOptions.InChannel, AnswerBlocks.Render(answer, "/pick")));
        AssertSameJson(SlashCommandResponse.From(SlackOptions.Ephemeral, AnswerBlocks.Render(answer, "@PickBot", "Reworded: \"quotes\", <tags> & émoji 🎉")));
        if (answer.Entry is { } entry)
        {
            var both = ComparisonBlocks.Render(entry, TestKnowledge.Base, answer.Pick?.Id);
            AssertSameJson(new ChatPostMessage("C123", both.Text, both.Blocks, "1700000000.000100"));
        }
    }

    [Fact]
    public void Serialize_HelpAndCatalogs_SameBytesAsTheAttributes()
    {
        AssertSameJson(SlashCommandResponse.From(SlackOptions.Ephemeral, HelpBlocks.Render("/pick")));
        AssertSameJson(SlashCommandResponse.From(SlackOptions.Ephemeral, CatalogBlocks.Render(TestKnowledge.Base, null, "/pick")));
        AssertSameJson(SlashCommandResponse.From(SlackOptions.Ephemeral, CatalogBlocks.Render(TestKnowledge.Base, "messaging", "/pick")));
    }

    [Fact]
    public void Serialize_EveryBlockKindWithIdsNullsAndEscapes_SameBytesAsTheAttributes()
    {
        Block[] blocks =
        [
            new HeaderBlock(TextObject.Plain("Pick: \"A\" <b> & c\u0001\n")) { BlockId = "h1" },
            new SectionBlock(TextObject.Markdown("*bold* `code` — “quotes” \\ 🎉")),
            new ContextBlock([TextObject.Markdown("one"), TextObject.Plain("two")]) { BlockId = "ctx" },
            new ContextBlock([]),
            new DividerBlock { BlockId = "d" },
            new DividerBlock(),
            new ActionsBlock(
            [
                new ButtonElement(TextObject.Plain("👍"), "helpful", "v1", "primary"),
                new ButtonElement(TextObject.Plain("No value"), "plain") { Type = "button" },
            ]) { BlockId = "actions" },
            new ActionsBlock([]),
        ];

        AssertSameJson(new SlashCommandResponse(SlackOptions.InChannel, "fallback", blocks));
        AssertSameJson(new ChatPostMessage("C1", "text", blocks));
        AssertSameJson(new SlashCommandResponse(SlackOptions.Ephemeral, "no blocks"));
    }

    [Fact]
    public void Share_EveryBlockKind_WrittenAgainAsTheAttributesWriteIt()
    {
        // A shared block's kept JSON goes out in place of writing it: it must be the very bytes of the specification.
        Block[] blocks =
        [
            BlockJsonConverter.Share(new HeaderBlock(TextObject.Plain("Pick: \"A\" <b> & c\u0001\n")) { BlockId = "h1" }),
            BlockJsonConverter.Share(new SectionBlock(TextObject.Markdown("*bold* `code` — “quotes” \\ 🎉"))),
            BlockJsonConverter.Share(new ContextBlock([TextObject.Markdown("one"), TextObject.Plain("two")])),
            BlockJsonConverter.Share(new DividerBlock()),
            BlockJsonConverter.Share(new ActionsBlock([new ButtonElement(TextObject.Plain("👍"), "helpful", "{\"q\":\"a\"}", "primary")])),
        ];

        AssertSameJson(new SlashCommandResponse(SlackOptions.InChannel, "fallback", blocks));
        AssertSameJson(new ChatPostMessage("C1", "text", blocks));
    }

    [Fact]
    public void Share_WriterWithAnotherEncoderOrIndented_WritesTheBlockAfresh()
    {
        var block = BlockJsonConverter.Share(new SectionBlock(TextObject.Markdown("<b> “x”")));

        Assert.Contains("\\u003Cb\\u003E", JsonSerializer.Serialize<Block>(block, Strict), StringComparison.Ordinal);
        Assert.Contains("\n  \"text\": {", JsonSerializer.Serialize<Block>(block, Indented), StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize<Block>(block, AttributesIndented), JsonSerializer.Serialize<Block>(block, Indented));
    }

    [Fact]
    public void Serialize_BlockAsItsOwnType_WritesTheDiscriminator()
    {
        var json = JsonSerializer.Serialize(new SectionBlock(TextObject.Markdown("x")), SlackJson.Options);

        Assert.Equal("""{"type":"section","text":{"type":"mrkdwn","text":"x"}}""", json);
    }

    [Fact]
    public void Deserialize_Block_IsRefusedClearly()
    {
        var e = Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<Block>("""{"type":"divider"}""", SlackJson.Options));

        Assert.Contains("does not read", e.Message, StringComparison.Ordinal);
    }

    private static void AssertSameJson<T>(T value)
    {
        var expected = JsonSerializer.Serialize(value, Attributes);
        var actual = JsonSerializer.Serialize(value, SlackJson.Options);

        Assert.Equal(expected, actual);
    }
}
