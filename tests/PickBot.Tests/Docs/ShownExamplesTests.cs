using System.Text.RegularExpressions;
using PickBot.Cli;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Slack.Blocks;
using PickBot.Slack.Formatting;
using PickBot.Tests.Support;

namespace PickBot.Tests.Docs;

/// <summary>
/// Every example question that a newcomer is shown (the README, the Slack manifest, the help texts of Slack, the
/// engine, the CLI and the playground page) must show the product: a pick that a rule decided, not the default. They
/// are read from those files and texts here, so a new example is checked without anyone listing it.
/// </summary>
public sealed partial class ShownExamplesTests
{
    private static readonly Lazy<PickEngine> Engine = new(() =>
        new PickEngine(new KnowledgeLoader(TimeProvider.System, 36_500).Load(new DirectoryKnowledgeSource(Path.Combine(Repository.Root, "knowledge")))));

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string where, IEnumerable<string> questions)
        {
            foreach (var question in questions.Select(q => q.Trim()).Where(IsQuestion))
            {
                if (seen.Add(where + "|" + question))
                {
                    data.Add(where, question);
                }
            }
        }

        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Add("README.md", Shown(readme));
        var manifest = File.ReadAllText(Path.Combine(Repository.Root, "slack", "manifest.yml"));
        Add("slack/manifest.yml", UsageHint().Matches(manifest).Select(m => m.Groups[1].Value).Concat(Shown(manifest)));
        Add("pickbot help", Shown(CommandLine.UsageText + string.Concat(CommandLine.VerbHelp.Values)));
        Add("Slack help", Shown(string.Join('\n', HelpBlocks.Render("/pick").Blocks.OfType<SectionBlock>().Select(b => b.Text.Text))));
        Add("engine help", Quoted().Matches(Engine.Value.Ask("help").Message).Select(m => m.Groups[1].Value));
        var page = File.ReadAllText(Path.Combine(Repository.Root, "src", "PickBot", "Playground", "playground.html"));
        Add("playground page", PageExample().Matches(page).Select(m => m.Groups[1].Value));
        return data;
    }

    [Fact]
    public void Examples_AreFoundInEverySource()
    {
        var sources = Examples().Select(row => (string)row[0]).Distinct().ToList();

        Assert.Equal(["README.md", "slack/manifest.yml", "pickbot help", "Slack help", "engine help", "playground page"], sources);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_IsAnsweredByARule(string where, string question)
    {
        var answer = Engine.Value.Ask(question);

        Assert.True(answer.Kind == AnswerKind.Pick, $"{where}: \"{question}\" is not answered ({answer.Kind}: {answer.Message})");
        Assert.False(answer.IsDefault, $"{where}: \"{question}\" gets the default pick of {answer.Entry!.Id}: no rule decided it");
        Assert.False(answer.Tie, $"{where}: \"{question}\" is a tie in {answer.Entry!.Id}");
        Assert.NotEmpty(answer.DecidedBy);
    }

    /// <summary>Questions as shown: `/pick ...`, `@PickBot ...` or `ask "..."`, and JSON's "question": "...".</summary>
    private static IEnumerable<string> Shown(string text) =>
        SlashCommand().Matches(text).Select(m => m.Groups[1].Value)
            .Concat(AskVerb().Matches(text).Select(m => m.Groups[1].Value))
            .Concat(JsonQuestion().Matches(text).Select(m => m.Groups[1].Value));

    /// <summary>Verbs, the catalogue and placeholders (QUESTION, "for …") are not questions to pick from.</summary>
    private static bool IsQuestion(string text) =>
        text.Length > 0
        && !text.Equals(text.ToUpperInvariant(), StringComparison.Ordinal)
        && !CatalogRequest.TryParse(text, out _)
        && !text.Contains('…', StringComparison.Ordinal) && !text.Contains("...", StringComparison.Ordinal)
        && text.Split(' ')[0].ToLowerInvariant() is not ("help" or "reload" or "status" or "[area|tag]");

    [GeneratedRegex(@"(?:/pick|@PickBot) ([^`""\\\n]+)[`""\\]")]
    private static partial Regex SlashCommand();

    [GeneratedRegex(@"\bask (?:--json )?""([^""]+)""")]
    private static partial Regex AskVerb();

    [GeneratedRegex(@"""question"": ""([^""]+)""")]
    private static partial Regex JsonQuestion();

    [GeneratedRegex(@"usage_hint: (.+)")]
    private static partial Regex UsageHint();

    [GeneratedRegex(@"""([^""]+)""")]
    private static partial Regex Quoted();

    // The examples under the question box, and the box's own placeholder (not the knowledge view's filter box).
    [GeneratedRegex(@"(?:data-example=|aria-label=""Question"" placeholder=)""([^""]+)""")]
    private static partial Regex PageExample();
}
