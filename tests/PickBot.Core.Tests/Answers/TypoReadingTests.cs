using PickBot.Core.Answers;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Answers;

/// <summary>The typo pass corrects misspelt names, never words the library's own prose spells the same way.</summary>
public sealed class TypoReadingTests
{
    private const string Knowledge = """
        options:
          - id: build
            name: Build in-house
            aliases: [build]
            summary: Write it yourselves.
          - id: buy
            name: Buy
            summary: Pay a vendor.
          - id: normalization
            name: Normalization
            aliases: [3nf]
            summary: One fact in one place.
          - id: denormalization
            name: Denormalization
            aliases: [denormalize]
            summary: Copies shaped for reads.
        comparisons:
          - id: build-vs-buy
            title: Build vs buy
            area: process
            owner: platform
            reviewed: 2026-11-01
            options:
              - option: build
                use-when: The capability is what you sell, and nothing on the market was built for it.
                pros: [control]
                cons: [cost]
              - option: buy
                use-when: It is a commodity.
                pros: [speed]
                cons: [lock-in]
            verdict:
              default: buy
              because: A vendor already built it.
            rules:
              - id: core
                pick: build
                when: [core differentiator, competitive advantage]
                because: What sets you apart is worth owning.
              - id: commodity
                pick: buy
                when: [commodity, standard need]
                because: Nobody wins by rebuilding payroll.
            sources:
              - title: Build vs buy
                url: https://example.com/build-vs-buy
          - id: normalization-vs-denormalization
            title: Normalization vs denormalization
            area: data
            owner: platform
            reviewed: 2026-11-01
            options:
              - option: normalization
                use-when: Writes must stay consistent.
                pros: [integrity]
                cons: [joins]
              - option: denormalization
                use-when: Reads dominate and the denormalized copies are rebuilt from a source of truth.
                pros: [fast reads]
                cons: [drift]
            verdict:
              default: normalization
              because: Consistency first.
            rules:
              - id: reads
                pick: denormalization
                when: [read heavy, single table design]
                because: Reads are cheaper pre-joined.
              - id: writes
                pick: normalization
                when: [many writers, ad hoc queries]
                because: One place to update.
            sources:
              - title: Normalization
                url: https://example.com/normalization
        """;

    private static readonly PickEngine Engine = new(TestKnowledge.Load(("k.yaml", Knowledge)));

    [Fact]
    public void Ask_WordTheProseSpellsSo_IsNotReadAsANameOneLetterAway()
    {
        // "built" is one letter from "build", and the prose says "built": it is the verb, not Build in-house.
        var answer = Engine.Ask("normalization or something built for reads?");

        Assert.DoesNotContain(answer.Corrections, c => c.Contains("built", StringComparison.Ordinal));
        Assert.DoesNotContain(answer.Recognised, r => r.Id == "build");
    }

    [Fact]
    public void Ask_ProseWordThatInflectsAName_IsStillReadAsIt()
    {
        var answer = Engine.Ask("3NF vs denormalized tables");

        Assert.Equal("normalization-vs-denormalization", answer.Entry?.Id);
        Assert.Contains(answer.Corrections, c => c.StartsWith("denormalized", StringComparison.Ordinal));
    }

    [Fact]
    public void Ask_MisspeltName_IsStillCorrected()
    {
        var answer = Engine.Ask("biuld vs buy for our billing");

        Assert.Equal("build-vs-buy", answer.Entry?.Id);
        Assert.Contains(answer.Corrections, c => c.StartsWith("biuld", StringComparison.Ordinal));
    }
}
