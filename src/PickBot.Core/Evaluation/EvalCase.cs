using PickBot.Core.Knowledge;

namespace PickBot.Core.Evaluation;

/// <summary>One evaluation question and what PickBot should answer. A null entry means "must not match".</summary>
public sealed record EvalCase(string Question, string? Entry, string? Pick, SourceLocation Location);

/// <summary>The cases of one or more evaluation files, and the accuracy they ask for.</summary>
public sealed record EvalSet(IReadOnlyList<EvalCase> Cases, double? ThresholdPercent, IReadOnlyList<KnowledgeProblem> Problems);
