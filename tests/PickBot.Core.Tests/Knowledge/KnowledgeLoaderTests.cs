using Microsoft.Extensions.Time.Testing;
using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Knowledge;

/// <summary>Broken knowledge files: every problem is reported as path:line:col: message, and sound entries still serve.</summary>
public sealed class KnowledgeLoaderTests
{
    // Line numbers matter: the tests below point at them.
    private const string Valid = """
        options:
          - id: alpha
            name: Alpha
            aliases: [alfa]
            summary: The first.
          - id: beta
            name: Beta
            summary: The second.
        comparisons:
          - id: alpha-vs-beta
            title: Alpha vs Beta
            area: data
            owner: team
            reviewed: 2026-11-01
            options:
              - option: alpha
                use-when: Often.
                pros: [good]
                cons: [bad]
              - option: beta
                use-when: Sometimes.
                pros: [good]
                cons: [bad]
            verdict:
              default: alpha
              because: It is first.
            rules:
              - pick: alpha
                when: [speed]
                because: Fast.
              - pick: beta
                when: [safety]
                because: Safe.
              - pick: alpha
                when: [cost]
                because: Cheap.
              - pick: beta
                when: [audit trail]
                because: Traceable.
            sources:
              - title: Docs
                url: https://example.com/docs
        """;

    [Fact]
    public void Load_ValidFile_ServesWithoutProblems()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid));

        Assert.Empty(kb.Problems);
        Assert.Equal("alpha-vs-beta", Assert.Single(kb.Comparisons).Id);
        Assert.Equal(2, kb.Options.Count);
    }

    [Fact]
    public void Load_YamlSyntaxError_ReportsYamlDotNetsPosition()
    {
        var kb = TestKnowledge.Load(("bad.yaml", "options:\n  - id: alpha\n    name: [unclosed\n"));

        var problem = Assert.Single(kb.Problems);
        Assert.StartsWith("bad.yaml:4:1: YAML syntax:", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingRequiredField_PointsAtTheEntry()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("    title: Alpha vs Beta\n", string.Empty, StringComparison.Ordinal)));

        Assert.Contains("k.yaml:10:5: comparison 'alpha-vs-beta': missing required field 'title'", Lines(kb));
        Assert.Empty(kb.Comparisons);
    }

    [Fact]
    public void Load_UnknownKey_SuggestsTheNearestKnownKey()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("use-when: Often.", "use_when: Often.", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:17:9: comparison 'alpha-vs-beta' option: unknown key 'use_when' (did you mean 'use-when'?)", Lines(kb));
    }

    [Fact]
    public void Load_AliasOfTwoOptions_IsReportedAtTheSecondAlias()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("    summary: The second.", "    aliases: [ALFA]\n    summary: The second.", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:8:15: option 'beta': alias 'ALFA' also names option 'alpha' (as 'alfa'); an alias must belong to one option", Lines(kb));
    }

    [Fact]
    public void Load_RulePickNotAnOption_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("- pick: beta", "- pick: gamma", StringComparison.Ordinal)));

        Assert.Contains(Lines(kb), l => l.StartsWith("k.yaml:31:9: comparison 'alpha-vs-beta': rule 'rule-2' picks 'gamma', which is not one of its options", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DefaultPickNotAnOption_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("default: alpha", "default: omega", StringComparison.Ordinal)));

        // At the value of 'default:', where the fix goes, not at the comparison's id.
        var line = Valid.Split('\n').ToList().FindIndex(l => l.Contains("default: alpha", StringComparison.Ordinal)) + 1;
        var column = Valid.Split('\n')[line - 1].IndexOf("alpha", StringComparison.Ordinal) + 1;
        Assert.Contains(Lines(kb), l => l.StartsWith($"k.yaml:{line}:{column}: comparison 'alpha-vs-beta': the default pick 'omega' is not one of its options", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TabIndentation_IsReportedAtTheTabInPlainWords()
    {
        var kb = TestKnowledge.Load(("k.yaml", "options:\n  - id: a\n\tname: A\n"));

        var problem = Assert.Single(Lines(kb));
        Assert.StartsWith("k.yaml:3:1: YAML syntax: a tab is used for indentation; YAML indents with spaces only (parser: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ColonInAPlainValue_SaysToQuoteItAndKeepsTheParsersDetail()
    {
        var kb = TestKnowledge.Load(("k.yaml", "options:\n  - id: a\n    name: b: c\n"));

        var problem = Assert.Single(Lines(kb));
        Assert.StartsWith("k.yaml:3:", problem, StringComparison.Ordinal);
        Assert.Contains("YAML syntax: a value contains ': '", problem, StringComparison.Ordinal);
        Assert.Contains("put the value in quotes (parser: While scanning a plain scalar value, found invalid mapping)", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("options:\n  - id: a\0b\n", "k.yaml:2:10: not a text file (found a NUL byte)")]
    [InlineData("options:\n  - id: caf\uFFFD\n", "k.yaml:2:12: not UTF-8 text (found bytes that are not UTF-8)")]
    public void Load_NotUtf8Text_SaysSoInsteadOfASyntaxError(string text, string expected)
    {
        var kb = TestKnowledge.Load(("k.yaml", text));

        var problem = Assert.Single(Lines(kb));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.True(kb.Problems.Single().IsError);
    }

    [Fact]
    public void Load_EmptyFile_IsAWarningNotAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", "\n"), ("ok.yaml", Valid));

        var problem = Assert.Single(kb.Problems);
        Assert.False(problem.IsError);
        Assert.StartsWith("k.yaml:1:1: warning: file is empty", problem.ToString(), StringComparison.Ordinal);
        Assert.Single(kb.Comparisons);
    }

    [Fact]
    public void Load_TwoComparisonsOfTheSameOptions_ReportsTheSecond()
    {
        var second = Valid[Valid.IndexOf("  - id: alpha-vs-beta", StringComparison.Ordinal)..].Replace("id: alpha-vs-beta", "id: beta-vs-alpha", StringComparison.Ordinal);

        var kb = TestKnowledge.Load(("k.yaml", Valid), ("k2.yaml", "comparisons:\n" + second));

        Assert.Contains("k2.yaml:2:5: comparison 'beta-vs-alpha' compares the same options as 'alpha-vs-beta' (k.yaml:10:5); merge them into one entry", Lines(kb));
        Assert.Single(kb.Comparisons);
    }

    [Fact]
    public void Load_UnknownOptionId_SuggestsTheClosest()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("- option: beta", "- option: betta", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:20:9: comparison 'alpha-vs-beta': unknown option id 'betta' (did you mean 'beta'?)", Lines(kb));
    }

    [Fact]
    public void Load_EmptyRuleSignals_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("when: [safety]", "when: []", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:32:15: comparison 'alpha-vs-beta' rule 2: 'when' must not be empty", Lines(kb));
    }

    [Fact]
    public void Load_EmptyRules_IsAnError()
    {
        var start = Valid.IndexOf("    rules:", StringComparison.Ordinal);
        var end = Valid.IndexOf("    sources:", StringComparison.Ordinal);
        var kb = TestKnowledge.Load(("k.yaml", Valid[..start] + "    rules: []\n" + Valid[end..]));

        Assert.Contains("k.yaml:27:12: comparison 'alpha-vs-beta': 'rules' is empty; write at least one rule for each option", Lines(kb));
    }

    [Fact]
    public void Load_OptionWithoutRule_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("- pick: beta", "- pick: alpha", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:10:5: comparison 'alpha-vs-beta': option 'beta' has no rule; every option needs at least one rule saying when it wins", Lines(kb));
    }

    [Fact]
    public void Load_SignalPointingBothWays_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("when: [safety]", "when: [safety, Speed]", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:32:24: comparison 'alpha-vs-beta': signal 'Speed' also points to 'alpha' (at k.yaml:29:16); a signal must point one way", Lines(kb));
    }

    [Fact]
    public void Load_SamePhraseInTwoRulesOfOneEntry_IsAWarningAtTheSecond()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("when: [cost]", "when: [cost, SPEED]", StringComparison.Ordinal)));

        AssertServedWithOneWarning(kb, "k.yaml:35:22: warning: comparison 'alpha-vs-beta': signal 'SPEED' already appears in rule 'rule-1' (at k.yaml:29:16); keep a phrase in one rule");
    }

    [Fact]
    public void Load_SamePhraseTwiceInOneRule_IsAWarning()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("when: [cost]", "when: [cost, Cost]", StringComparison.Ordinal)));

        Assert.Equal(["k.yaml:35:22: warning: comparison 'alpha-vs-beta': signal 'Cost' already appears earlier in the same rule (at k.yaml:35:16); keep a phrase in one rule"], Lines(kb));
    }

    [Fact]
    public void Load_SamePhraseInRulesOfDifferentEntries_IsFine()
    {
        var other = Valid[Valid.IndexOf("  - id: alpha-vs-beta", StringComparison.Ordinal)..]
            .Replace("id: alpha-vs-beta", "id: alpha-vs-gamma", StringComparison.Ordinal)
            .Replace("beta", "gamma", StringComparison.Ordinal);
        var gamma = "options:\n  - id: gamma\n    name: Gamma\n    summary: The third.\ncomparisons:\n" + other;

        var kb = TestKnowledge.Load(("k.yaml", Valid), ("g.yaml", gamma));

        Assert.Empty(kb.Problems);
        Assert.Equal(2, kb.Comparisons.Count);
    }

    [Fact]
    public void Load_SignalContainingItsOwnOptionsName_IsAWarningAtTheSignal()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("when: [cost]", "when: [cost, cheap alfa hosting]", StringComparison.Ordinal)));

        AssertServedWithOneWarning(kb, "k.yaml:35:22: warning: comparison 'alpha-vs-beta': signal 'cheap alfa hosting' contains 'alfa', which names its own option 'alpha'; a question's option names are not read as context, so this signal never fires");
    }

    [Fact]
    public void Load_SignalWhereALongerNameOfAnotherOptionHoldsTheOwnName_IsFine()
    {
        var gamma = "options:\n  - id: gamma\n    name: Alfa Romeo\n    summary: A car.\n";

        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("when: [cost]", "when: [cost, alfa romeo drivers]", StringComparison.Ordinal)), ("g.yaml", gamma));

        Assert.Empty(kb.Problems);
    }

    [Theory]
    [InlineData("alfabet soup")]
    [InlineData("gamma rays")]
    public void Load_SignalWithAWordThatOnlyLooksLikeAnOptionName_IsFine(string signal)
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("when: [cost]", $"when: [cost, {signal}]", StringComparison.Ordinal)));

        Assert.Empty(kb.Problems);
    }

    [Fact]
    public void Load_OptionWithOneRule_IsAWarningAtThatOption()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("- pick: beta\n        when: [audit trail]", "- pick: alpha\n        when: [audit trail]", StringComparison.Ordinal)));

        AssertServedWithOneWarning(kb, "k.yaml:20:9: warning: comparison 'alpha-vs-beta': option 'beta' has only one rule; write at least two rules saying when it wins");
    }

    [Fact]
    public void Load_ReviewedInTheFuture_IsAnErrorAtTheDate()
    {
        var today = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        var loader = new KnowledgeLoader(new FakeTimeProvider(today));

        var kb = loader.Load([new KnowledgeDocument("k.yaml", Valid.Replace("reviewed: 2026-11-01", "reviewed: 2027-12-04", StringComparison.Ordinal))]);

        Assert.Contains("k.yaml:14:15: comparison 'alpha-vs-beta': reviewed 2027-12-04 is in the future (today is 2026-12-04); write the date of the last review", Lines(kb));
        Assert.Empty(kb.Comparisons);
    }

    [Theory]
    [InlineData("2026-12-04")]
    [InlineData("2026-12-05")]
    public void Load_ReviewedTodayOrTomorrowInAnotherTimeZone_IsFine(string date)
    {
        var loader = new KnowledgeLoader(new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero)));

        var kb = loader.Load([new KnowledgeDocument("k.yaml", Valid.Replace("reviewed: 2026-11-01", $"reviewed: {date}", StringComparison.Ordinal))]);

        Assert.Empty(kb.Problems);
    }

    [Fact]
    public void Load_SourceWithoutUrl_IsAnErrorAtTheSource()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("\n        url: https://example.com/docs", string.Empty, StringComparison.Ordinal)));

        Assert.Contains(Lines(kb), l => l.StartsWith("k.yaml:41:9: comparison 'alpha-vs-beta' source: missing required field 'url'", StringComparison.Ordinal));
        Assert.Empty(kb.Comparisons);
    }

    [Fact]
    public void Load_SourceWithEmptyUrl_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("url: https://example.com/docs", "url: \"\"", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:42:14: comparison 'alpha-vs-beta' source: 'url' must not be empty", Lines(kb));
    }

    [Fact]
    public void Load_BadNumberSlot_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("when: [speed]", "when: [\"team of {n<=}\"]", StringComparison.Ordinal)));

        Assert.Contains(Lines(kb), l => l.StartsWith("k.yaml:29:16: comparison 'alpha-vs-beta' rule 1: signal 'team of {n<=}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingSources_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid[..Valid.IndexOf("    sources:", StringComparison.Ordinal)]));

        Assert.Contains("k.yaml:10:5: comparison 'alpha-vs-beta': missing required field 'sources' (links a reader can check)", Lines(kb));
    }

    [Fact]
    public void Load_WrongShape_SaysWhatWasExpected()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("title: Alpha vs Beta", "title: [Alpha, Beta]", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:11:12: comparison 'alpha-vs-beta': 'title' must be a single value, not a list", Lines(kb));
    }

    [Fact]
    public void Load_OldReviewDate_IsAWarningAndStillServes()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("reviewed: 2026-11-01", "reviewed: 2020-01-01", StringComparison.Ordinal)));

        AssertServedWithOneWarning(kb, "k.yaml:10:5: warning: comparison 'alpha-vs-beta': last reviewed 2020-01-01, more than 365 days ago");
    }

    [Fact]
    public void Load_BadDate_IsAnError()
    {
        var kb = TestKnowledge.Load(("k.yaml", Valid.Replace("reviewed: 2026-11-01", "reviewed: last week", StringComparison.Ordinal)));

        Assert.Contains("k.yaml:14:15: comparison 'alpha-vs-beta': 'reviewed' must be a date written as YYYY-MM-DD, not 'last week'", Lines(kb));
    }

    [Fact]
    public void Load_OneBrokenFileAmongGoodOnes_ServesTheGoodOnes()
    {
        var kb = TestKnowledge.Load(("good.yaml", Valid), ("broken.yaml", "comparisons: [ {id: x"), ("messaging.yaml", TestKnowledge.Messaging));

        Assert.Equal(3, kb.Comparisons.Count);
        Assert.Contains(kb.Problems, p => p.IsError && p.Location.Path == "broken.yaml");
    }

    [Fact]
    public void Load_MissingFolder_NamesThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "pickbot-missing-" + Guid.NewGuid().ToString("N"));

        var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(missing));

        var problem = Assert.Single(kb.Problems);
        Assert.Contains(missing, problem.Message, StringComparison.Ordinal);
        Assert.Empty(kb.Comparisons);
    }

    [Fact]
    public void Load_EmptyFolder_SaysItHasNoKnowledgeFiles()
    {
        var empty = Directory.CreateTempSubdirectory("pickbot-empty-");
        try
        {
            var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(empty.FullName));

            Assert.Contains("has no .yaml or .yml files", Assert.Single(kb.Problems).Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    public void Load_FolderInAnyUnicodeEncoding_ReadsTheSameEntries(string encoding)
    {
        var folder = Directory.CreateTempSubdirectory("pickbot-encoding-");
        try
        {
            var text = Valid.Replace("The first.", "The first, café.", StringComparison.Ordinal);
            var bytes = encoding switch
            {
                "utf-8" => System.Text.Encoding.UTF8.GetBytes(text),
                "utf-8-bom" => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)],
                _ => [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)],
            };
            File.WriteAllBytes(Path.Combine(folder.FullName, "k.yaml"), bytes);

            var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(folder.FullName));

            Assert.Empty(kb.Problems);
            Assert.Equal("The first, café.", kb.FindOption("alpha")!.Summary);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_SameFilesTwice_HasTheSameVersion()
    {
        var first = TestKnowledge.Load(("k.yaml", Valid));
        var second = TestKnowledge.Load(("k.yaml", Valid));
        var edited = TestKnowledge.Load(("k.yaml", Valid.Replace("Fast.", "Quick.", StringComparison.Ordinal)));

        Assert.Equal(first.Version, second.Version);
        Assert.NotEqual(first.Version, edited.Version);
    }

    private static List<string> Lines(KnowledgeBase kb) => kb.Problems.Select(p => p.ToString()).ToList();

    /// <summary>A warning is reported and the entry still serves.</summary>
    private static void AssertServedWithOneWarning(KnowledgeBase kb, string expected)
    {
        var problem = Assert.Single(kb.Problems);
        Assert.False(problem.IsError);
        Assert.Equal(expected, problem.ToString());
        Assert.Single(kb.Comparisons);
    }
}
