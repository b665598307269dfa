using PickBot.Core.Answers;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Answers;

/// <summary>Issue 14 item 5: signals for both options are named, with which one decided and why.</summary>
public sealed class BothSidesTests
{
    private static readonly PickEngine Engine = TestKnowledge.MixedEngine();

    [Fact]
    public void Ask_ARequirementAgainstAMention_TheRequirementDecidesAndBothAreNamed()
    {
        // "event log" outweighs "complex routing" by words (2 against 2 is a tie, 2 against 1 is not), but routing
        // is stated as a requirement.
        var answer = Engine.Ask("kafka or rabbitmq: we like having an event log, but we must have complex routing");

        Assert.Equal("rabbitmq", answer.Pick!.Id);
        Assert.Equal(["rabbitmq", "kafka"], answer.Sides.Select(s => s.Option.Id));
        Assert.Equal(SignalStrength.Required, answer.Sides[0].Strength);
        Assert.Contains("requirement", answer.BothSides, StringComparison.Ordinal);
        Assert.Contains("“event log” points to Apache Kafka", answer.BothSides, StringComparison.Ordinal);
        Assert.Contains("Both sides:", AnswerText.Render(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_AHedgedSignal_LosesToAPlainOne()
    {
        var answer = Engine.Ask("kafka or rabbitmq, maybe an event log some day; today it is complex routing");

        Assert.Equal("rabbitmq", answer.Pick!.Id);
        Assert.Contains("hedged (“maybe”)", answer.BothSides, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_ASignalAfterThough_IsConcededToTheOther()
    {
        // "A, though B": B is conceded. Without the concession both sides weigh the same (two words each).
        var answer = Engine.Ask("kafka or rabbitmq: we do complex routing, though an event log would help");

        Assert.Equal("rabbitmq", answer.Pick!.Id);
        Assert.Contains("as a concession", answer.BothSides, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_AHedgedRequirement_IsOnlyHedged()
    {
        // "might need" is not a requirement: the plain routing of today decides.
        var answer = Engine.Ask("kafka or rabbitmq: we might need an event log, today it is complex routing");

        Assert.Equal("rabbitmq", answer.Pick!.Id);
        Assert.Equal(SignalStrength.Hedged, answer.Sides.Single(s => s.Option.Id == "kafka").Strength);
    }

    [Fact]
    public void Ask_EquallyFirmSignals_TheDefaultStandsAndBothAreNamed()
    {
        var answer = Engine.Ask("kafka or rabbitmq, we need replay and complex routing");

        Assert.Equal(2, answer.Sides.Count);
        Assert.Contains("replay", answer.BothSides, StringComparison.Ordinal);
        Assert.Contains("complex routing", answer.BothSides, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_SignalsForOneSideOnly_NamesNoOtherSide()
    {
        var answer = Engine.Ask("kafka or rabbitmq, we need replay");

        Assert.Empty(answer.Sides);
        Assert.Null(answer.BothSides);
    }
}
