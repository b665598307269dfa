using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Slack.Tests.Support;

/// <summary>The repository's real knowledge folder, and hand-built answers for the edges the real entries do not reach.</summary>
internal static class TestKnowledge
{
    private static readonly Lazy<KnowledgeBase> Repository = new(() => new KnowledgeLoader().Load(new DirectoryKnowledgeSource(KnowledgePath())));

    public static KnowledgeBase Base => Repository.Value;

    public static PickEngine Engine() => new(Base);

    public static string KnowledgePath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PickBot.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("PickBot.sln not found"), "knowledge");
    }

    public static Comparison Comparison(int sides = 2, string because = "it fits most teams", int itemLength = 40, int items = 2)
    {
        var list = Enumerable.Range(0, items).Select(i => $"point {i} " + new string('x', itemLength)).ToList();
        return new Comparison(
            "a-vs-b",
            "Option A vs Option B",
            "architecture",
            ["testing"],
            Enumerable.Range(0, sides).Select(i => new ComparisonSide($"opt-{i}", $"use option {i} when it suits", list, list, list, SourceLocation.None)).ToList(),
            "opt-0",
            because,
            [new VerdictRule("r1", "opt-1", ["tiny team"], "small teams need less", SourceLocation.None)],
            [new Source("Docs & <things>", "https://example.com/a?b=1&c=2")],
            "owner",
            null,
            SourceLocation.None);
    }

    public static Answer Pick(
        string question = "a vs b for my team",
        string justification = "It fits.",
        IReadOnlyList<string>? decidedBy = null,
        int alternatives = 1,
        IReadOnlyList<string>? corrections = null,
        Comparison? entry = null) => new()
    {
        Kind = AnswerKind.Pick,
        Question = question,
        Entry = entry ?? Comparison(),
        Pick = new OptionRef("opt-0", "Option A"),
        Justification = justification,
        DecidedBy = decidedBy ?? ["team"],
        RuleId = "r1",
        Alternatives = Enumerable.Range(1, alternatives).Select(i => new Alternative(new OptionRef($"opt-{i}", $"Option {i}"), $"you need thing {i}", [])).ToList(),
        Sources = (entry ?? Comparison()).Sources,
        Corrections = corrections ?? [],
    };
}
