using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace PickBot.Core.Semantic;

/// <summary>
/// The vectors of the questions asked most recently, so the same text asked again (a retry, a thread re-asked, a
/// redelivered event) does not run the model again. Bounded: at most <see cref="Capacity"/> texts, evicted by the
/// clock (second-chance) rule, so a text asked again and again stays while one-off questions pass through. A hit
/// takes no lock (a dictionary read and one flag write); only adding takes one. Vectors are shared: read-only.
/// </summary>
internal sealed class RecentEmbeddings
{
    private readonly ConcurrentDictionary<string, Slot> _slots;
    private readonly Slot?[] _ring;
    private readonly Lock _gate = new();
    private int _hand;

    public RecentEmbeddings(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new Slot?[capacity];
        _slots = new ConcurrentDictionary<string, Slot>(Environment.ProcessorCount, capacity, StringComparer.Ordinal);
    }

    public int Capacity => _ring.Length;

    public int Count => _slots.Count;

    public bool TryGet(string text, [NotNullWhen(true)] out float[]? vector)
    {
        if (_slots.TryGetValue(text, out var slot))
        {
            slot.Touch();
            vector = slot.Vector;
            return true;
        }

        vector = null;
        return false;
    }

    public void Add(string text, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vector);
        lock (_gate)
        {
            if (_slots.ContainsKey(text))
            {
                return;
            }

            // The hand passes over texts used since it last came by (clearing the mark) and evicts the first that
            // was not; at most two turns of the ring.
            while (_ring[_hand] is { } occupant)
            {
                if (!occupant.TakeMark())
                {
                    _slots.TryRemove(occupant.Text, out _);
                    break;
                }

                _hand = (_hand + 1) % _ring.Length;
            }

            var slot = new Slot(text, vector);
            _ring[_hand] = slot;
            _slots[text] = slot;
            _hand = (_hand + 1) % _ring.Length;
        }
    }

    private sealed class Slot(string text, float[] vector)
    {
        private int _used;

        public string Text { get; } = text;

        public float[] Vector { get; } = vector;

        public void Touch()
        {
            // Written only when clear: a text hit on every question does not keep writing its cache line.
            if (Volatile.Read(ref _used) == 0)
            {
                Volatile.Write(ref _used, 1);
            }
        }

        public bool TakeMark() => Interlocked.Exchange(ref _used, 0) == 1;
    }
}
