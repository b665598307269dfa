namespace PickBot.Core.Knowledge;

/// <summary>
/// What is in service, for <c>/pick status</c> and the playground: knowledge only, so it can be shown to anyone who may
/// see the status (it carries no configuration and no secrets).
/// </summary>
/// <param name="Problems">The problems of the set in service (its broken entries are left out).</param>
/// <param name="RejectedProblems">The errors of the last reload that was rejected, or empty when the last reload was served.</param>
public sealed record KnowledgeStatus(
    string Version,
    int Comparisons,
    int Options,
    DateTimeOffset LoadedAt,
    DateTimeOffset? LastAttempt,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> RejectedProblems)
{
    public static KnowledgeStatus From(KnowledgeStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var current = store.Current;
        return new KnowledgeStatus(
            current.Version,
            current.Comparisons.Count,
            current.Options.Count,
            current.LoadedAt,
            store.LastAttempt,
            current.Problems.Select(p => p.ToString()).ToList(),
            store.LastRejectedProblems.Select(p => p.ToString()).ToList());
    }
}
