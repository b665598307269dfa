using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace PickBot.Core.Verdicts;

/// <summary>
/// One number per distinct signal stem, shared by every rule set of a knowledge base: a compiled signal is then a run
/// of ints rather than an object holding strings, and a word of the question matches a signal word by comparing ints.
/// Filled from several threads while a library compiles, then frozen for the look-ups questions make.
/// </summary>
internal sealed class StemTable
{
    private ConcurrentDictionary<string, int>? _building = new(StringComparer.Ordinal);
    private FrozenDictionary<string, int>? _frozen;
    private int _count;

    /// <summary>The number of <paramref name="stem"/>, added if new. Only before <see cref="Freeze"/>.</summary>
    public int Add(string stem)
    {
        var building = _building ?? throw new InvalidOperationException("the stem table is frozen");
        return building.GetOrAdd(stem, static (_, table) => Interlocked.Increment(ref table._count) - 1, this);
    }

    /// <summary>The number of <paramref name="stem"/>, or -1 when no signal uses it (then no signal word can match it).</summary>
    public int Find(string stem)
    {
        if (_frozen is { } frozen)
        {
            return frozen.TryGetValue(stem, out var id) ? id : -1;
        }

        return _building!.TryGetValue(stem, out var building) ? building : -1;
    }

    /// <summary>Ends adding: look-ups from here on go through a read-optimised copy.</summary>
    public void Freeze()
    {
        if (_building is { } building)
        {
            _frozen = building.ToFrozenDictionary(StringComparer.Ordinal);
            _building = null;
        }
    }
}
