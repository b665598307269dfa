namespace PickBot.Core.Semantic;

/// <summary>
/// The confidences fitted by <c>pickbot eval --calibrate</c> on the calibration halves of the evaluation tiers only,
/// holding every question of the main set right and every negative question unanswered (docs/semantic.md has the
/// figures on both halves). They hold for all-MiniLM-L6-v2; another model needs its own.
/// </summary>
public static class SemanticThresholds
{
    public const double Rule = 0.225;

    public const double RuleMargin = 0.04;

    public const double Entry = 0.45;

    public const double EntryMargin = 0;
}
