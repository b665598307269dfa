using PickBot.Core.Answers;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Answers;

/// <summary>An entry of three options, asked about two of them.</summary>
public sealed class ThreeOptionTests
{
    private const string Knowledge = """
        options:
          - {id: react, name: React, summary: r.}
          - {id: vue, name: Vue, summary: v.}
          - {id: angular, name: Angular, summary: a.}
        comparisons:
          - id: react-vs-vue-vs-angular
            title: React vs Vue vs Angular
            area: frontend
            owner: t
            reviewed: 2026-11-01
            options:
              - {option: react, use-when: Most teams., pros: [p], cons: [c]}
              - {option: vue, use-when: Gentle learning curve., pros: [p], cons: [c]}
              - {option: angular, use-when: Large enterprise apps., pros: [p], cons: [c]}
            verdict: {default: react, because: Biggest ecosystem.}
            rules:
              - {pick: react, when: [hiring], because: Easy to hire.}
              - {pick: vue, when: [beginners], because: Easy to learn.}
              - {pick: angular, when: [enterprise], because: Batteries included.}
            sources:
              - {title: s, url: "https://example.com"}
        """;

    private static readonly PickEngine Engine = new(TestKnowledge.Load(("k.yaml", Knowledge)));

    [Fact]
    public void Ask_TwoOfThreeNamedWithoutContext_PicksANamedOption()
    {
        var answer = Engine.Ask("compare angular and vue for a brand new project");

        Assert.Equal("vue", answer.Pick!.Id);
        Assert.Contains("you asked about Vue and Angular", answer.Justification, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_TwoOfThreeNamed_RuleForTheUnnamedOptionDoesNotDecide()
    {
        var answer = Engine.Ask("vue or angular? hiring matters most, for beginners");

        Assert.Equal("vue", answer.Pick!.Id);
        Assert.Equal(["beginners"], answer.DecidedBy);
    }

    [Fact]
    public void Ask_AllThreeNamed_UsesTheDefault()
    {
        Assert.Equal("react", Engine.Ask("react, vue or angular?").Pick!.Id);
    }
}
