using PickBot.Core.Answers;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Answers;

/// <summary>Words the two sides share, and option names that are also everyday words.</summary>
public sealed class SharedWordsTests
{
    private static readonly string Knowledge = """
        options:
          - id: strong
            name: Strong consistency
            summary: s.
          - id: eventual
            name: Eventual consistency
            summary: e.
          - id: lake
            name: Data lake
            summary: l.
          - id: warehouse
            name: Data warehouse
            summary: w.
          - id: go
            name: Go
            aliases: [golang]
            summary: g.
          - id: python
            name: Python
            summary: p.
          - id: terraform
            name: Terraform
            summary: t.
          - id: pulumi
            name: Pulumi
            summary: p.
        comparisons:
        """ + "\n" + Entry("strong", "eventual") + Entry("lake", "warehouse") + Entry("python", "go") + Entry("terraform", "pulumi");

    private static readonly PickEngine Engine = new(TestKnowledge.Load(("k.yaml", Knowledge)));

    [Theory]
    [InlineData("strong vs eventual consistency for leader election", "strong-vs-eventual")]
    [InlineData("eventual or strong consistency?", "strong-vs-eventual")]
    [InlineData("data lake or warehouse?", "lake-vs-warehouse")]
    [InlineData("data warehouse vs lake", "lake-vs-warehouse")]
    public void Ask_SharedHeadOrModifier_IsCarriedAcross(string question, string entry)
    {
        var answer = Engine.Ask(question);

        Assert.Equal(entry, answer.Entry?.Id);
    }

    [Fact]
    public void Ask_EverydayWordBesideNoOption_IsNotAnOption()
    {
        var answer = Engine.Ask("should we go with python or java?");

        Assert.False(answer.Matched);
        Assert.Equal(["Python"], answer.Recognised.Select(r => r.Name));
    }

    [Fact]
    public void Ask_EverydayWordNamedAsAnOption_Counts()
    {
        Assert.Equal("python-vs-go", Engine.Ask("python or go for a cli?").Entry?.Id);
    }

    [Fact]
    public void Ask_TwoPairsNamed_PrefersThePairJoinedByVs()
    {
        var answer = Engine.Ask("terraform vs pulumi, we're a python and go shop");

        Assert.Equal("terraform-vs-pulumi", answer.Entry?.Id);
    }

    [Fact]
    public void Ask_PairInACommaList_LosesToThePairJoinedByVs()
    {
        // "python, go" has no word between the names, but the comma lists them; "terraform vs pulumi" weighs them.
        var answer = Engine.Ask("terraform vs pulumi for services in python, go and rust?");

        Assert.Equal("terraform-vs-pulumi", answer.Entry?.Id);
    }

    private static string Entry(string a, string b) => $"""
          - id: {a}-vs-{b}
            title: {a} vs {b}
            area: data
            owner: t
            reviewed: 2026-11-01
            options:
              - option: {a}
                use-when: a.
                pros: [p]
                cons: [c]
              - option: {b}
                use-when: b.
                pros: [p]
                cons: [c]
            verdict:
              default: {a}
              because: d.
            rules:
              - pick: {a}
                when: [signal {a}]
                because: r.
              - pick: {b}
                when: [signal {b}]
                because: r.
            sources:
              - title: s
                url: https://example.com

        """;
}
