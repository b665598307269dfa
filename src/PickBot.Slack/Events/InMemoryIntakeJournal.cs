using System.Collections.Concurrent;

namespace PickBot.Slack.Events;

/// <summary>
/// The adapter's default: the journal's bookkeeping without its durability (it dies with the process). The host
/// replaces it with a SQLite or Redis journal; this one serves unit tests and embedders that bring their own.
/// </summary>
public sealed class InMemoryIntakeJournal : IIntakeJournal
{
    private readonly ConcurrentDictionary<string, (long Seq, SlackWork Work)> _items = new(StringComparer.Ordinal);
    private long _seq;

    public ValueTask AddAsync(SlackWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentException.ThrowIfNullOrEmpty(work.JournalId);
        _items[work.JournalId] = (Interlocked.Increment(ref _seq), work);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> MarkAttemptedAsync(string journalId, CancellationToken cancellationToken = default)
    {
        if (_items.TryGetValue(journalId, out var item))
        {
            _items.TryUpdate(journalId, (item.Seq, item.Work with { Attempts = item.Work.Attempts + 1 }), item);
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask RemoveAsync(string journalId, CancellationToken cancellationToken = default)
    {
        _items.TryRemove(journalId, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<SlackWork>> PendingAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<SlackWork>>(_items.Values.OrderBy(i => i.Seq).Select(i => i.Work).ToList());

    internal int Count => _items.Count;
}
