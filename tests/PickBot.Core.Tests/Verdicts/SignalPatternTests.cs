using PickBot.Core.Verdicts;

namespace PickBot.Core.Tests.Verdicts;

/// <summary>What admins read when a signal is written wrong, and the words a well-written one compiles to.</summary>
public sealed class SignalPatternTests
{
    [Theory]
    [InlineData("team of {n<=5}", "team|of|<=5")]
    [InlineData("{ n >= 50 } users", ">=50|user")]
    [InlineData("{n} requests per second", "any0|request|per|second")]
    [InlineData("between {n>2} and {n<10.5} nodes", "between|>2|and|<10.5|node")]
    [InlineData("little labelled data", "little|labelled|data")]
    public void TryParse_WellWrittenSignal_CompilesToStemsAndSlots(string text, string expected)
    {
        Assert.True(SignalPattern.TryParse(text, out var pattern, out var error), error);
        var words = pattern!.PatternWords.ToArray().Select(w => w.IsNumber ? (w.Operator is { Length: > 0 } op ? op : "any") + w.Bound : w.Stem);
        Assert.Equal(expected, string.Join('|', words));
        Assert.True(SignalPattern.IsValid(text, out var validError));
        Assert.Null(validError);
    }

    [Theory]
    [InlineData("team of {n<=}", "number slot '{n<=}' needs both a comparison and a number, as in {n<=5}")]
    [InlineData("team of {x}", "'team of {x}' is not a number slot; write {n}, {n<=5}, {n>=100} and so on")]
    [InlineData("{n<5} users }", "'users }' is not a number slot; write {n}, {n<=5}, {n>=100} and so on")]
    [InlineData("-- !!", "a signal must have at least one word")]
    public void TryParse_BadlyWrittenSignal_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(SignalPattern.TryParse(text, out var pattern, out var error));
        Assert.Null(pattern);
        Assert.Equal(expected, error);
        Assert.False(SignalPattern.IsValid(text, out var validError));
        Assert.Equal(expected, validError);
    }
}
