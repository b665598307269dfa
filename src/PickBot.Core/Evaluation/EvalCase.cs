using PickBot.Core.Knowledge;

namespace PickBot.Core.Evaluation;

/// <summary>One evaluation question and what PickBot should answer. A null entry means "must not match".</summary>
/// <param name="Tier">The tier of a tier file (paraphrase, implicit, negative, mixed), or null for the main set.</param>
/// <param name="Half">"calibration" (thresholds are fitted on it) or "held-out" (reported, never fitted on).</param>
/// <param name="DefaultOnly">"rule: none": the entry's default must decide; no rule may fire, by words or by meaning.</param>
public sealed record EvalCase(string Question, string? Entry, string? Pick, SourceLocation Location, string? Tier = null, string? Half = null, bool DefaultOnly = false);

/// <summary>The cases of one or more evaluation files, the accuracy they ask for, and each tier's recorded floor.</summary>
public sealed record EvalSet(IReadOnlyList<EvalCase> Cases, double? ThresholdPercent, IReadOnlyList<KnowledgeProblem> Problems)
{
    /// <summary>Floors by "tier/half" ("paraphrase/held-out"), in percent: CI fails below them.</summary>
    public IReadOnlyDictionary<string, double> Floors { get; init; } = new Dictionary<string, double>();
}
