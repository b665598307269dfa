using System.Text.RegularExpressions;
using PickBot.Core.Answers;
using PickBot.Core.Evaluation;
using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Evaluation;

/// <summary>The evaluation tiers are what they say they are, checked with the engine's own reading of words.</summary>
public sealed class TierTests
{
    private static readonly Lazy<KnowledgeBase> Real = new(() => new KnowledgeLoader(TestKnowledge.Clock()).Load(new DirectoryKnowledgeSource(Repository.Knowledge)));

    private static readonly Lazy<EvalSet> Tiers = new(() => EvalSetLoader.LoadPath(Path.Combine(Repository.Knowledge, "eval", "tiers")));

    [Theory]
    [InlineData("paraphrase", 200)]
    [InlineData("implicit", 80)]
    [InlineData("negative", 100)]
    public void Tier_HasEnoughQuestionsInBothHalves(string tier, int atLeast)
    {
        var cases = Tiers.Value.Cases.Where(c => c.Tier == tier).ToList();

        Assert.Empty(Tiers.Value.Problems);
        Assert.True(cases.Count >= atLeast, $"{tier}: {cases.Count} questions");
        Assert.Contains(cases, c => c.Half == "calibration");
        Assert.Contains(cases, c => c.Half == "held-out");
    }

    [Fact]
    public void Paraphrase_ContextSharesNoRulePhrase_NoRuleMatchesByWords()
    {
        // Without meaning, the engine reads words only: a paraphrase question decided by a rule shares its phrase.
        var engine = new PickEngine(Real.Value);

        var decided = Tiers.Value.Cases.Where(c => c.Tier == "paraphrase")
            .Select(c => (c, Answer: engine.Ask(c.Question)))
            .Where(x => x.Answer.Matched && x.Answer.Entry!.Id == x.c.Entry && !x.Answer.IsDefault)
            .Select(x => $"{x.c.Location}: \"{x.c.Question}\" matches {x.Answer.RuleId} by {string.Join(", ", x.Answer.DecidedBy)}");

        Assert.Empty(decided);
    }

    [Fact]
    public void Implicit_NamesNoOption()
    {
        // An option counts as named when one of its names stands in the question as whole words; the engine's
        // typo tolerance and plural folding ("built" for "build", "mTLS" for "MTL") do not make a name.
        var kb = Real.Value;
        var engine = new PickEngine(kb);

        var naming = Tiers.Value.Cases.Where(c => c.Tier == "implicit")
            .SelectMany(c => engine.Ask(c.Question).Recognised
                .Select(r => kb.FindOption(r.Id)!)
                .Where(o => o.Aliases.Append(o.Name).Any(alias => Regex.IsMatch(c.Question, $@"(?<![\w-]){Regex.Escape(alias)}(?![\w-])", RegexOptions.IgnoreCase)))
                .Select(o => $"{c.Location}: \"{c.Question}\" names {o.Name}"));

        Assert.Empty(naming);
    }

    [Fact]
    public void Floors_AreRecordedForEveryTierAndHalf()
    {
        var halves = Tiers.Value.Cases.Where(c => c.Tier is not null).Select(c => $"{c.Tier}/{c.Half}").Distinct();

        Assert.All(halves, half => Assert.True(Tiers.Value.Floors.ContainsKey(half), $"no floor for {half}"));
    }

    [Fact]
    public void Run_RuleNoneCaseDecidedByARule_IsAMiss()
    {
        var set = EvalSetLoader.Load([new KnowledgeDocument("t.yaml", """
            tier: negative
            half: calibration
            cases:
              - question: kafka vs rabbitmq, we need replay
                entry: kafka-vs-rabbitmq
                pick: kafka
                rule: none
              - question: kafka vs rabbitmq, thoughts?
                entry: kafka-vs-rabbitmq
                pick: rabbitmq
                rule: none
            floors:
              negative:
                calibration: 100
            """)]);

        var report = Evaluator.Run(TestKnowledge.MixedEngine(), set);

        var tier = Assert.Single(report.Tiers);
        Assert.Equal(("negative", "calibration", 1, 2), (tier.Tier, tier.Half, tier.Passed, tier.Total));
        Assert.True(tier.BelowFloor);
        Assert.Contains("expected the default", Assert.Single(tier.Misses).Got, StringComparison.Ordinal);
        Assert.Equal(0, report.Total);
    }

    [Fact]
    public void Run_ImplicitAnsweredFromAnotherComparison_IsCountedApartFromDidYouMean()
    {
        // Asked about one comparison, answered from another: worse than "did you mean", and counted as such.
        var set = EvalSetLoader.Load([new KnowledgeDocument("t.yaml", """
            tier: implicit
            half: calibration
            cases:
              - question: kafka vs rabbitmq, we need replay
                entry: redis-vs-memcached
                pick: redis
              - question: which coffee machine should we buy
                entry: redis-vs-memcached
                pick: redis
            """)]);

        var tier = Assert.Single(Evaluator.Run(TestKnowledge.MixedEngine(), set).Tiers);

        Assert.Equal((0, 2, 1), (tier.Passed, tier.Total, tier.Elsewhere));
    }
}
