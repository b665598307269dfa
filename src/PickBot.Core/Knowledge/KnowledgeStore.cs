namespace PickBot.Core.Knowledge;

/// <summary>
/// Holds the knowledge base in service. A reload swaps in a whole new set with one reference write, so a question
/// that is being answered keeps the set it started with and never sees half of an edit.
/// </summary>
public sealed class KnowledgeStore(KnowledgeBase initial)
{
    private KnowledgeBase _current = initial;

    public KnowledgeStore()
        : this(KnowledgeBase.Empty)
    {
    }

    public KnowledgeBase Current => Volatile.Read(ref _current);

    /// <summary>The problems of the last load that was rejected, or empty when the last load was served.</summary>
    public IReadOnlyList<KnowledgeProblem> LastRejectedProblems { get; private set; } = [];

    public DateTimeOffset? LastAttempt { get; private set; }

    public event Action<KnowledgeBase>? Swapped;

    public void Swap(KnowledgeBase next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _current, next);
        LastRejectedProblems = [];
        LastAttempt = next.LoadedAt;
        Swapped?.Invoke(next);
    }

    /// <summary>Records a load that was not served, keeping the current set in service.</summary>
    public void Reject(IReadOnlyList<KnowledgeProblem> problems, DateTimeOffset at)
    {
        LastRejectedProblems = problems;
        LastAttempt = at;
    }
}
