namespace PickBot.Core.Knowledge;

/// <summary>
/// Holds the knowledge base in service. A reload swaps in a whole new set with one reference write, so a question
/// that is being answered keeps the set it started with and never sees half of an edit.
/// </summary>
public sealed class KnowledgeStore
{
    private readonly Task<KnowledgeBase>? _initial;
    private KnowledgeBase? _current;

    public KnowledgeStore(KnowledgeBase initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    public KnowledgeStore()
        : this(KnowledgeBase.Empty)
    {
    }

    /// <summary>
    /// A store whose first set is still being read: start-up reads the files on one core while the host starts on
    /// the other. Whoever needs <see cref="Current"/> before the load ends waits for it, so nothing is ever answered
    /// from a half-started bot.
    /// </summary>
    public KnowledgeStore(Task<KnowledgeBase> initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _initial = initial;
    }

    /// <summary>Completes when the first set is in service (at once for a store made with a loaded set).</summary>
    public Task Initialized => _initial ?? Task.CompletedTask;

    public KnowledgeBase Current => Volatile.Read(ref _current) ?? WaitForInitial();

    /// <summary>The problems of the last load that was rejected, or empty when the last load was served.</summary>
    public IReadOnlyList<KnowledgeProblem> LastRejectedProblems { get; private set; } = [];

    public DateTimeOffset? LastAttempt { get; private set; }

    public event Action<KnowledgeBase>? Swapped;

    private KnowledgeBase WaitForInitial()
    {
        var loaded = _initial!.GetAwaiter().GetResult();

        // A swap may have come first (a reload during start-up): it is newer, so it stays.
        Interlocked.CompareExchange(ref _current, loaded, null);
        return Volatile.Read(ref _current)!;
    }

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
