using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;
using PickBot.Core.Text;
using PickBot.Core.Verdicts;

namespace PickBot.Core.Tests.Properties;

/// <summary>
/// Whatever people type and whatever admins save, the public entry points answer with a value: an answer, a problem
/// list, an error message. An exception here would be a crashed Slack handler or a failed reload.
/// </summary>
[Properties(Arbitrary = [typeof(Adversarial)], MaxTest = 300)]
public sealed class NeverThrowsProperties
{
    private static readonly PickEngine Engine = TestKnowledge.MixedEngine();

    private static readonly Lazy<(string Path, string Text)[]> RealFiles = new(() => Directory
        .EnumerateFiles(Repository.Knowledge, "*.y*ml", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}eval{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Select(f => (Path.GetRelativePath(Repository.Root, f), File.ReadAllText(f)))
        .ToArray());

    [Property]
    public void Ask_AnyString_ReturnsAnAnswer(string? question) => AssertAnswers(question);

    [Property]
    public void Ask_AdversarialText_ReturnsAnAnswer(AdversarialText question) => AssertAnswers(question.Value);

    [Property]
    public void ToPlain_AnyString_ReturnsText(NonNull<string> text) => Assert.NotNull(SlackText.ToPlain(text.Get));

    [Property]
    public void ToPlain_AdversarialText_ReturnsText(AdversarialText text)
    {
        Assert.NotNull(SlackText.ToPlain(text.Value));
        Assert.NotNull(SlackText.Escape(text.Value));
    }

    [Property]
    public void Tokenize_AnyString_TokensLieInsideTheText(NonNull<string> text) => AssertTokens(text.Get);

    [Property]
    public void Tokenize_AdversarialText_TokensLieInsideTheText(AdversarialText text) => AssertTokens(text.Value);

    [Property]
    public void SignalPatternTryParse_AnyString_ReturnsPatternOrError(NonNull<string> text) => AssertSignal(text.Get);

    [Property]
    public void SignalPatternTryParse_SignalText_ReturnsPatternOrError(SignalText text) => AssertSignal(text.Value);

    [Property(MaxTest = 200)]
    public void Load_YamlishText_ReportsProblemsWithPositions(YamlishText text) => AssertLoads(("k/random.yaml", text.Value));

    [Property(MaxTest = 100)]
    public void Load_AnyString_ReportsProblemsWithPositions(NonNull<string> text) => AssertLoads(("k/random.yaml", text.Get));

    [Property(MaxTest = 150)]
    public Property Load_TruncatedRealFile_ReportsProblemsWithPositions() =>
        Prop.ForAll(
            Gen.Choose(0, RealFiles.Value.Length - 1).SelectMany(i => Gen.Choose(0, RealFiles.Value[i].Text.Length).Select(cut => (i, cut))).ToArbitrary(),
            pick =>
            {
                var (path, text) = RealFiles.Value[pick.i];
                AssertLoads((path, text[..pick.cut]));
            });

    [Property(MaxTest = 300)]
    public Property Load_RealFileWithGarbageSpliced_ReportsProblemsWithPositions() =>
        Prop.ForAll(
            Gen.Zip(Gen.Choose(0, RealFiles.Value.Length - 1), Adversarial.YamlishText().Generator).SelectMany(t =>
                Gen.Choose(0, RealFiles.Value[t.Item1].Text.Length).Select(at => (File: t.Item1, At: at, Garbage: t.Item2.Value))).ToArbitrary(),
            pick =>
            {
                var (path, text) = RealFiles.Value[pick.File];
                AssertLoads((path, text[..pick.At] + pick.Garbage + text[pick.At..]));
            });

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    [InlineData("options: [", "]")]
    public void Load_DeepNesting_ReportsAProblemInsteadOfCrashing(string open, string close)
    {
        const int depth = 20_000;
        // "- - - x" is a sequence in a sequence in a sequence: block nesting on one line.
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));

        var kb = AssertLoads(("k/deep.yaml", text));

        Assert.Contains(kb.Problems, p => p.IsError && p.Location.Path == "k/deep.yaml");
    }

    [Theory]
    [InlineData("options:\n  - id: a\n    name: [A\n  - id: b\n")]
    [InlineData("comparisons:\n  - id: x\n    title: [X vs Y\n    area: ml\n")]
    [InlineData("a: [b\nc: d")]
    [InlineData("- [a\n- b")]
    public void Load_UnclosedFlowSequence_ReportsSyntaxProblem(string text)
    {
        var kb = AssertLoads(("k/unclosed.yaml", text));

        Assert.Contains(kb.Problems, p => p.IsError && p.Message.StartsWith("YAML syntax", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_AliasBomb_FinishesWithProblems()
    {
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 12; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*a{i - 1}", 10))}]");
        }

        lines.Add("options: *a11");
        lines.Add("comparisons: *a11");

        var kb = AssertLoads(("k/bomb.yaml", string.Join('\n', lines)));

        Assert.Contains(kb.Problems, p => p.IsError);
    }

    private static void AssertAnswers(string? question)
    {
        var answer = Engine.Ask(question);
        Assert.NotNull(answer.Question);
        Assert.True(answer.Kind != AnswerKind.Pick || answer.Pick is not null);
        Assert.NotNull(AnswerText.Render(answer));
        Assert.NotNull(AnswerDocument.From(answer).ToJson());
    }

    private static void AssertTokens(string text)
    {
        foreach (var token in Tokenizer.Tokenize(text))
        {
            Assert.InRange(token.Start, 0, text.Length - 1);
            Assert.InRange(token.End, token.Start + 1, text.Length);
            Assert.NotEmpty(token.Value);
            Assert.NotNull(Tokenizer.Stem(token.Value));
            _ = Words.TryNumber(token.Value, out _);
        }

        Assert.NotNull(Tokenizer.Normalize(text));
        Assert.NotNull(Tokenizer.Compact(text));
    }

    private static void AssertSignal(string text)
    {
        var parsed = SignalPattern.TryParse(text, out var pattern, out var error);
        Assert.Equal(parsed, pattern is not null);
        Assert.Equal(parsed, error is null);
    }

    private static KnowledgeBase AssertLoads(params (string Path, string Text)[] files)
    {
        var kb = TestKnowledge.Load(files);
        foreach (var problem in kb.Problems)
        {
            Assert.Matches(@"^.+:\d+:\d+: .+", problem.ToString());
            Assert.True(problem.Location.Line >= 1, problem.ToString());
        }

        return kb;
    }
}
