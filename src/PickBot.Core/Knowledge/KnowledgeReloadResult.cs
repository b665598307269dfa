namespace PickBot.Core.Knowledge;

public enum KnowledgeReloadOutcome
{
    /// <summary>The new set is in service.</summary>
    Served,

    /// <summary>The files had not changed; the same set is still in service.</summary>
    Unchanged,

    /// <summary>The new set has errors the running set did not have, so the running set stays in service.</summary>
    Rejected,

    /// <summary>Loading failed unexpectedly; the running set stays in service.</summary>
    Failed,
}

/// <summary>What one reload did, for the log, the admins and <c>/pick reload</c>.</summary>
/// <param name="Version">The version in service after the reload.</param>
/// <param name="AttemptedVersion">The version of the files that were read (equal to <paramref name="Version"/> unless rejected).</param>
/// <param name="Problems">Every problem of the set that was read, errors and warnings.</param>
/// <param name="NewErrors">The errors that the running set did not have: the reason for a rejection.</param>
public sealed record KnowledgeReloadResult(
    KnowledgeReloadOutcome Outcome,
    string Version,
    string AttemptedVersion,
    int Comparisons,
    int Options,
    IReadOnlyList<KnowledgeProblem> Problems,
    IReadOnlyList<KnowledgeProblem> NewErrors,
    DateTimeOffset At)
{
    public bool InService => Outcome is KnowledgeReloadOutcome.Served or KnowledgeReloadOutcome.Unchanged;

    /// <summary>One line a person can read: what is in service now and why.</summary>
    public string Summary => Outcome switch
    {
        KnowledgeReloadOutcome.Served => $"Reloaded knowledge {Version}: {Comparisons} comparisons, {Options} options{ErrorSuffix}.",
        KnowledgeReloadOutcome.Unchanged => $"Knowledge {Version} is unchanged: {Comparisons} comparisons, {Options} options{ErrorSuffix}.",
        KnowledgeReloadOutcome.Rejected => $"Knowledge edit rejected ({NewErrors.Count} new {(NewErrors.Count == 1 ? "error" : "errors")}); still serving {Version} with {Comparisons} comparisons.",
        _ => $"Knowledge reload failed; still serving {Version} with {Comparisons} comparisons.",
    };

    private string ErrorSuffix
    {
        get
        {
            var errors = Problems.Count(p => p.IsError);
            return errors == 0 ? string.Empty : $"; {errors} known {(errors == 1 ? "error" : "errors")} left out as before";
        }
    }
}
