using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PickBot.Core.Answers;
using PickBot.Core.Text;
using PickBot.Slack.Blocks;
using PickBot.Slack.Formatting;
using PickBot.Slack.Tests.Support;

namespace PickBot.Slack.Tests.Properties;

/// <summary>
/// Whatever a person typed, and whatever the LLM wrote, comes back without a link, mention, emoji code or formatting
/// of its own. <see cref="SlackMarkup"/> is a model of what Slack acts on in mrkdwn (its documented syntax plus the
/// auto-linking of bare URLs, domains, e-mail addresses, @mentions and #channels); a message rendered with the random
/// text must show exactly the markup that the same message shows with a plain word in its place: PickBot's own.
/// </summary>
[Properties(MaxTest = 500)]
public sealed partial class EchoedTextProperties
{
    private static readonly string[] Pieces =
    [
        "https://example.org/login", "http://x.io", "HTTPS://EVIL.COM", "www.evil.com", "evil.com", "a@b.co", "mailto:a@b.co", "slack://open",
        "<@U123>", "<!channel>", "<!here>", "@here", "@channel", "#general", "<#C123|general>", "<https://x.io|click>",
        "*bold*", "_it_", "~st~", "`code`", "```block```", "> quote", ">", "\n", "\r\n", "\t", ":joy:", ":+1:", "&lt;!here&gt;", "&amp;", "&",
        "\u202E", "\u2060", "\u200B", "。", "．", "c++", "node_modules", "a*b", " ", "word", "kafka", "team", ".", ":", "/", "@", "#", "*", "_", "~", "`",
    ];

    private static readonly Lazy<Answer> Pick = new(() => TestKnowledge.Engine().Ask("mtl vs stl for a spam filter"));

    private static Arbitrary<string> UserText() =>
        Gen.OneOf(
            Gen.ArrayOf(Gen.Elements(Pieces), 0).Select(parts => string.Concat(parts.Take(12))),
            ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get))
        .ToArbitrary();

    [Property]
    public Property Inert_AnyText_NoMarkupLeftAndReadsAsWritten() => Prop.ForAll(UserText(), text =>
    {
        var inert = SlackText.Inert(text);

        Assert.Empty(SlackMarkup.Find("x “" + inert + "” y"));
        Assert.Equal(ReadAs(text), Shown(inert));
        Assert.DoesNotContain('\n', inert);
    });

    [Property]
    public Property Inert_KeepLines_NoMarkupAndTheLinesStay() => Prop.ForAll(UserText(), text =>
    {
        var inert = SlackText.Inert(text, keepLines: true);

        Assert.Empty(SlackMarkup.Find(inert));
        Assert.Equal(text.Count(c => c == '\n'), inert.Count(c => c == '\n'));
    });

    [Property]
    public Property RenderPick_UserWordsInDecidedByAndCorrections_OnlyPickBotsMarkup() => Prop.ForAll(UserText(), text =>
    {
        Answer With(string words) => Pick.Value with { DecidedBy = [words, "spam filter"], Corrections = [words + " → stl"] };

        AssertOnlyOwnMarkup(AnswerBlocks.Render(With(text)), AnswerBlocks.Render(With("word")));
    });

    [Property]
    public Property RenderPick_TieReasonQuotingTheQuestion_OnlyPickBotsMarkup() => Prop.ForAll(UserText(), text =>
    {
        Answer With(string words) => Pick.Value with { Tie = true, Justification = $"Your question points both ways (\"{words}\" points to X), so the default pick stands." };

        AssertOnlyOwnMarkup(AnswerBlocks.Render(With(text)), AnswerBlocks.Render(With("word")));
    });

    [Property]
    public Property RenderPick_LlmWording_OnlyPickBotsMarkup() => Prop.ForAll(UserText(), text =>
        AssertOnlyOwnMarkup(AnswerBlocks.Render(Pick.Value, rephrased: "Pick this. " + text), AnswerBlocks.Render(Pick.Value, rephrased: "Pick this. word")));

    [Property]
    public Property RenderNoMatch_CorrectionsAndDidYouMean_OnlyPickBotsMarkup() => Prop.ForAll(UserText(), text =>
    {
        var noMatch = TestKnowledge.Engine().Ask("mtl vs blorp");
        Answer With(string words) => noMatch with { Corrections = [words + " → mtl"] };

        AssertOnlyOwnMarkup(AnswerBlocks.Render(With(text)), AnswerBlocks.Render(With("word")));
    });

    [Property]
    public Property RenderCatalog_AnyFilter_OnlyPickBotsMarkup() => Prop.ForAll(UserText(), text =>
    {
        // A filter that names an area or tag is PickBot's own word; anything else is echoed in the "none found" reply.
        if (!string.IsNullOrWhiteSpace(text) && !PickBot.Core.Knowledge.KnowledgeCatalog.Filter(TestKnowledge.Base, text).Any())
        {
            AssertOnlyOwnMarkup(CatalogBlocks.Render(TestKnowledge.Base, text), CatalogBlocks.Render(TestKnowledge.Base, "zzzz"));
        }
    });

    [Theory]
    [InlineData("kafka vs rabbitmq for a small https://example.org team", true)]
    [InlineData("kafka vs rabbitmq for small https://example.org/login team", false)]
    [InlineData("kafka vs rabbitmq for https://example.org/login", false)]
    [InlineData("mtl vs stl for a spam filtr https://example.org/login", false)]
    public void Render_UrlInTheQuestion_NoLinkInTheMessage(string question, bool echoed)
    {
        var content = AnswerBlocks.Render(TestKnowledge.Engine().Ask(question));

        var json = System.Text.Json.JsonSerializer.SerializeToNode(content.Blocks, PickBot.Slack.SlackJson.Options)!;
        var texts = Texts(json).Append(content.Text).ToList();
        var found = texts.SelectMany(SlackMarkup.Find).ToList();
        Assert.DoesNotContain(found, f => f.Contains("example", StringComparison.OrdinalIgnoreCase) || f.Contains("login", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(echoed, texts.Any(t => t.Contains("example", StringComparison.Ordinal)));
        Assert.All(texts, t => Assert.DoesNotContain("example.org", t, StringComparison.Ordinal));
    }

    private static void AssertOnlyOwnMarkup(MessageContent withText, MessageContent withWord)
    {
        var expected = Markup(withWord);
        var actual = Markup(withText);
        Assert.Equal(expected, actual);
    }

    /// <summary>Every mrkdwn text of the message and its top-level text, scanned; sorted so only the markup counts.</summary>
    private static List<string> Markup(MessageContent content)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(content.Blocks, PickBot.Slack.SlackJson.Options)!;
        return Texts(json).Append(content.Text).SelectMany(SlackMarkup.Find).Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Texts(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "mrkdwn" && o["text"]?.GetValue<string>() is { } text)
                {
                    yield return text;
                }
                else if (o["text"] is JsonValue value && value.TryGetValue<string>(out var top))
                {
                    yield return top;
                }

                foreach (var (_, child) in o)
                {
                    if (child is not null and not JsonValue)
                    {
                        foreach (var t in Texts(child))
                        {
                            yield return t;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>())
                {
                    foreach (var t in Texts(child))
                    {
                        yield return t;
                    }
                }

                break;
        }
    }

    /// <summary>What Slack shows for the inert text: entities decoded, look-alikes and joiners as the marks they stand for.</summary>
    private static string Shown(string inert) => inert.Replace(SlackText.WordJoiner.ToString(), "", StringComparison.Ordinal)
        .Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
        .Replace('∗', '*').Replace('ˍ', '_').Replace('∼', '~').Replace('ˋ', '`').Replace('›', '>');

    /// <summary>What the person wrote, as it can be shown on one line: controls as spaces, bidi overrides and joiners gone.</summary>
    private static string ReadAs(string text) => BidiOrJoiner().Replace(Controls().Replace(text, " "), "")
        .Replace('∗', '*').Replace('ˍ', '_').Replace('∼', '~').Replace('ˋ', '`').Replace('›', '>');

    [GeneratedRegex(@"[\p{Cc}\u2028\u2029]")]
    private static partial Regex Controls();

    [GeneratedRegex(@"[\u202A-\u202E\u2066-\u2069\u2060]")]
    private static partial Regex BidiOrJoiner();
}
