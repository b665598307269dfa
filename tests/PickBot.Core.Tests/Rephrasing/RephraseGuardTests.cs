using PickBot.Core.Answers;
using PickBot.Core.Rephrasing;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Rephrasing;

public sealed class RephraseGuardTests
{
    private static readonly PickEngine Engine = TestKnowledge.SeedEngine();

    // Picks Single Task Learning through the "one-well-defined-task" rule.
    private static readonly Answer SpamFilter = Engine.Ask("mtl vs stl for a spam filter");

    [Theory]
    [InlineData("For a spam filter, Single Task Learning is the better fit: a focused model usually scores higher on one well-defined job. If you later have several related tasks, multi-task learning would be the better choice.")]
    [InlineData("Go with STL here. Spam detection is one narrow job, and a dedicated model is simpler to train.")]
    [InlineData("Single-task learning suits a spam filter. Choose MTL instead if you have several related tasks with little labelled data.")]
    [InlineData("I'd use a single task model: spam filtering is one well-defined job. MTL is the better choice when tasks share what they learn.")]
    [InlineData("STL's focus pays off for spam. You would pick multi-task learning only when several related tasks can share features.")]
    public void Check_TextKeepsThePick_Accepts(string text)
    {
        var verdict = RephraseGuard.Check(text, SpamFilter, TestKnowledge.Seed);

        Assert.True(verdict.Accepted, verdict.Reason);
    }

    [Theory]
    [InlineData("Go with multi-task learning for this; STL is the other option.")]
    [InlineData("Multi-Task Learning is the better choice for a spam filter, even though STL is simpler.")]
    [InlineData("I'd use MTL here rather than STL.")]
    [InlineData("Pick MTL. STL would only matter for tiny models.")]
    [InlineData("We recommend multitask learning for spam, although single task learning is simpler.")]
    [InlineData("Choose MTL unless you only have one task; STL is simpler.")]
    [InlineData("STL sounds fine, but MTL is the right call for a spam filter.")]
    public void Check_TextRecommendsTheOtherOption_Rejects(string text)
    {
        var verdict = RephraseGuard.Check(text, SpamFilter, TestKnowledge.Seed);

        Assert.False(verdict.Accepted);
        Assert.Contains("Multi-Task Learning", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I wouldn't pick STL for this spam filter.")]
    [InlineData("STL is not the right choice for a spam filter.")]
    public void Check_TextArguesAgainstThePick_Rejects(string text)
    {
        var verdict = RephraseGuard.Check(text, SpamFilter, TestKnowledge.Seed);

        Assert.False(verdict.Accepted);
        Assert.Contains("against", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TextNamesNoOption_Rejects()
    {
        var verdict = RephraseGuard.Check("A focused model is simpler to train and scores higher on one job.", SpamFilter, TestKnowledge.Seed);

        Assert.False(verdict.Accepted);
        Assert.Contains("does not name the pick", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TextNamesOnlyTheOtherOption_Rejects()
    {
        var verdict = RephraseGuard.Check("Multi-task learning shares features between tasks.", SpamFilter, TestKnowledge.Seed);

        Assert.False(verdict.Accepted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData(null)]
    public void Check_Empty_Rejects(string? text)
    {
        Assert.False(RephraseGuard.Check(text, SpamFilter, TestKnowledge.Seed).Accepted);
    }

    [Fact]
    public void Check_LongerThanTheCap_Rejects()
    {
        var text = "Single Task Learning fits a spam filter. " + new string('x', 200);

        Assert.True(RephraseGuard.Check(text, SpamFilter, TestKnowledge.Seed, maxChars: 300).Accepted);
        Assert.False(RephraseGuard.Check(text, SpamFilter, TestKnowledge.Seed, maxChars: 100).Accepted);
    }

    [Fact]
    public void Check_AnswerWithoutPick_Rejects()
    {
        var help = Engine.Ask("hello");

        Assert.False(RephraseGuard.Check("Single Task Learning fits.", help, TestKnowledge.Seed).Accepted);
    }

    [Fact]
    public void Check_DefaultPick_AcceptsItsAliasAndRejectsTheFlip()
    {
        var answer = Engine.Ask("mtl vs stl");

        Assert.True(RephraseGuard.Check("With several related tasks, multitask learning usually wins.", answer, TestKnowledge.Seed).Accepted);
        Assert.False(RephraseGuard.Check("Multitask learning is popular, but go with single-task learning.", answer, TestKnowledge.Seed).Accepted);
    }
}
