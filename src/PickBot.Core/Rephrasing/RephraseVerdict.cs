namespace PickBot.Core.Rephrasing;

/// <summary>What <see cref="RephraseGuard"/> made of a rephrased text: accepted, or rejected with the reason.</summary>
public sealed record RephraseVerdict(bool Accepted, string Reason)
{
    public static RephraseVerdict Accept { get; } = new(true, "ok");

    public static RephraseVerdict Reject(string reason) => new(false, reason);
}
