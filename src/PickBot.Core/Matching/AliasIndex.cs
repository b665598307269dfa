using PickBot.Core.Knowledge;
using PickBot.Core.Text;

namespace PickBot.Core.Matching;

/// <summary>One way of writing an option, in compact form (its words joined with nothing between them).</summary>
public readonly record struct AliasEntry(string Key, string Written, int OptionIndex);

/// <summary>A typo-tolerant hit: the alias it stands for and how many edits away it was.</summary>
public readonly record struct FuzzyHit(AliasEntry Alias, int Distance);

/// <summary>
/// Finds options by name. Exact look-ups are one hash probe on the compact form of a run of words, so the cost of a
/// question does not grow with the size of the knowledge base. Typos go through a deletion index (the idea behind
/// SymSpell): every alias is stored with each of its one-letter deletions, and a query probes its own deletions, which
/// meets every alias one insertion, deletion, substitution or swap away, and many two away, without scanning.
/// </summary>
/// <remarks>
/// The deletion index keeps no strings: a deletion is hashed to a bucket, and a bucket is a run of alias numbers in
/// one shared array. A posting is one int: the alias number in its low bits and the deletion's hash in the bits the
/// number leaves free, which filters a bucket almost as well as the whole hash did. A string per deletion cost about
/// 1 GB at 100,000 entries (a dozen deletions per alias, each a string, a dictionary slot and a list); this costs 5
/// bytes per deletion. A candidate from a bucket is checked against the probe before it counts, so a hash collision
/// costs a comparison, never a wrong answer, and candidates come out in the same order as a string-keyed index would
/// give.
/// </remarks>
public sealed class AliasIndex
{
    private const int StackKeyLength = 256;

    // A bucket holds about this many deletions on average: a few int comparisons per probe, and a quarter of the
    // bucket table one deletion per bucket would need (4 bytes a deletion, 6.5 million deletions at 100,000 entries).
    private const int DeletionsPerBucket = 4;

    // Exact look-up: an open-addressing table (linear probing, at most three quarters full) of alias numbers plus one, with
    // each key's hash beside it so that a probe compares strings only when the hashes agree. A dictionary cost 28
    // bytes an alias; this costs 8 to 16.
    private readonly int[] _exactSlots;
    private readonly int[] _exactHashes;
    private readonly int _exactMask;
    private readonly AliasEntry[] _entries;
    private readonly int[] _bucketStarts;
    private readonly int[] _postings;
    private readonly int _bucketMask;

    // The bits of a posting that hold the alias number; the others hold the same bits of the deletion's hash.
    private readonly int _entryMask;

    public AliasIndex(IReadOnlyList<KnowledgeOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = 0;
        foreach (var option in options)
        {
            names += 2 + option.Aliases.Count;
        }

        // Sized once for every name, so neither grows by doubling with its spare room kept for good.
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, names + (names / 3)));
        _exactSlots = new int[size];
        _exactHashes = new int[size];
        _exactMask = size - 1;
        var entries = new AliasEntry[names];
        var count = 0;
        var deletionCount = 0;
        for (var i = 0; i < options.Count; i++)
        {
            foreach (var written in options[i].AllNames())
            {
                var tokens = Tokenizer.Tokenize(written);
                var key = string.Concat(tokens.Select(t => t.Value));

                // "kafka" written as its own key: keep one string, not two equal ones.
                key = string.Equals(key, written, StringComparison.Ordinal) ? written : key;
                var hash = Hash(key);
                var slot = FindSlot(entries, key, hash);
                if (key.Length == 0 || _exactSlots[slot] != 0)
                {
                    // First writer wins; the validator reports an alias that two options claim.
                    continue;
                }

                MaxTokens = Math.Max(MaxTokens, tokens.Count);
                _exactSlots[slot] = count + 1;
                _exactHashes[slot] = hash;
                entries[count++] = new AliasEntry(key, written, i);
                if (IsFuzzyIndexed(key))
                {
                    deletionCount += key.Length + 1;
                }
            }
        }

        _entries = count == entries.Length ? entries : entries[..count];

        // Hash every deletion once, count per bucket, then place each in its bucket (a counting sort). Entries are
        // placed in order, so each bucket lists its aliases in the order they were added, whatever the bucket count.
        var buckets = (int)Math.Min(1 << 30, Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, deletionCount / DeletionsPerBucket))));
        _bucketMask = buckets - 1;
        _bucketStarts = new int[buckets + 1];
        _postings = new int[deletionCount];
        _entryMask = (int)(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_entries.Length + 1) - 1);
        var hashes = HashDeletions(deletionCount);
        foreach (var hash in hashes)
        {
            _bucketStarts[(hash & _bucketMask) + 1]++;
        }

        for (var b = 0; b < buckets; b++)
        {
            _bucketStarts[b + 1] += _bucketStarts[b];
        }

        var next = _bucketStarts.AsSpan(0, buckets).ToArray();
        var d = 0;
        for (var e = 0; e < _entries.Length; e++)
        {
            if (!IsFuzzyIndexed(_entries[e].Key))
            {
                continue;
            }

            for (var k = 0; k <= _entries[e].Key.Length; k++, d++)
            {
                var at = next[hashes[d] & _bucketMask]++;
                _postings[at] = (hashes[d] & ~_entryMask) | e;
            }
        }
    }

    /// <summary>The most words any alias has: the longest run of words worth looking up.</summary>
    public int MaxTokens { get; }

    public int Count => _entries.Length;

    public IReadOnlyList<AliasEntry> Entries => _entries;

    public bool TryExact(ReadOnlySpan<char> compactKey, out AliasEntry entry)
    {
        var slot = FindSlot(_entries, compactKey, Hash(compactKey));
        if (_exactSlots[slot] != 0)
        {
            entry = _entries[_exactSlots[slot] - 1];
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>The closest alias within the typo allowance of both words, or null.</summary>
    public FuzzyHit? Fuzzy(string compactKey, int extraTolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(compactKey);
        return Fuzzy(compactKey.AsSpan(), extraTolerance);
    }

    /// <inheritdoc cref="Fuzzy(string, int)"/>
    public FuzzyHit? Fuzzy(ReadOnlySpan<char> compactKey, int extraTolerance = 0)
    {
        var allowed = EditDistance.AllowedTypos(compactKey.Length);
        if (allowed == 0)
        {
            return null;
        }

        allowed += extraTolerance;
        var seen = new SeenSet(stackalloc int[32]);
        FuzzyHit? best = null;
        Span<char> probe = compactKey.Length <= StackKeyLength ? stackalloc char[StackKeyLength] : new char[compactKey.Length];

        // The key itself first, then its deletions in order: the order a string-keyed index was probed in, so that
        // of two candidates at the same distance, the same one wins.
        Probe(compactKey, compactKey, allowed, extraTolerance, ref seen, ref best);
        for (var i = 0; i < compactKey.Length; i++)
        {
            compactKey[..i].CopyTo(probe);
            compactKey[(i + 1)..].CopyTo(probe[i..]);
            Probe(compactKey, probe[..(compactKey.Length - 1)], allowed, extraTolerance, ref seen, ref best);
        }

        return best;
    }

    private void Probe(ReadOnlySpan<char> query, ReadOnlySpan<char> probe, int allowed, int extraTolerance, ref SeenSet seen, ref FuzzyHit? best)
    {
        var hash = Hash(probe);
        var bucket = hash & _bucketMask;
        for (var p = _bucketStarts[bucket]; p < _bucketStarts[bucket + 1]; p++)
        {
            var posting = _postings[p];
            if ((posting & ~_entryMask) != (hash & ~_entryMask))
            {
                continue;
            }

            var candidate = posting & _entryMask;
            var entry = _entries[candidate];
            if (!IsKeyOrDeletion(probe, entry.Key) || !seen.Add(candidate))
            {
                continue;
            }

            var limit = Math.Min(allowed, EditDistance.AllowedTypos(entry.Key.Length) + extraTolerance);
            var distance = EditDistance.Compute(query, entry.Key, limit);
            if (distance <= limit && (best is null || distance < best.Value.Distance))
            {
                best = new FuzzyHit(entry, distance);
            }
        }
    }

    /// <summary>The slot of the exact table holding <paramref name="key"/>, or the empty slot where it would go.</summary>
    private int FindSlot(AliasEntry[] entries, ReadOnlySpan<char> key, int hash)
    {
        for (var slot = hash & _exactMask; ; slot = (slot + 1) & _exactMask)
        {
            var at = _exactSlots[slot];
            if (at == 0 || (_exactHashes[slot] == hash && key.SequenceEqual(entries[at - 1].Key)))
            {
                return slot;
            }
        }
    }

    private static bool IsFuzzyIndexed(string key) => EditDistance.AllowedTypos(key.Length) > 0;

    /// <summary>Whether <paramref name="probe"/> is <paramref name="key"/> or <paramref name="key"/> less one character.</summary>
    private static bool IsKeyOrDeletion(ReadOnlySpan<char> probe, string key)
    {
        if (probe.Length == key.Length)
        {
            return probe.SequenceEqual(key);
        }

        if (probe.Length != key.Length - 1)
        {
            return false;
        }

        var first = probe.CommonPrefixLength(key);
        return probe[first..].SequenceEqual(key.AsSpan(first + 1));
    }

    // Seeded per process, which is fine: the index lives only in this process.
    private static int Hash(ReadOnlySpan<char> text) => string.GetHashCode(text);

    /// <summary>The hash of every indexed key and of each of its one-letter deletions, key by key, in entry order.</summary>
    private int[] HashDeletions(int count)
    {
        var hashes = new int[count];
        var entries = _entries;
        var longest = 0;
        foreach (var entry in entries)
        {
            longest = Math.Max(longest, entry.Key.Length);
        }

        Span<char> buffer = longest <= StackKeyLength ? stackalloc char[StackKeyLength] : new char[longest];
        var d = 0;
        foreach (var entry in entries)
        {
            var key = entry.Key;
            if (!IsFuzzyIndexed(key))
            {
                continue;
            }

            hashes[d++] = Hash(key);
            for (var i = 0; i < key.Length; i++)
            {
                key.AsSpan(0, i).CopyTo(buffer);
                key.AsSpan(i + 1).CopyTo(buffer[i..]);
                hashes[d++] = Hash(buffer[..(key.Length - 1)]);
            }
        }

        return hashes;
    }

    /// <summary>The candidates already weighed for one query: a few, so a small array beats a hash set.</summary>
    private ref struct SeenSet(Span<int> initial)
    {
        private Span<int> _items = initial;
        private HashSet<int>? _overflow;
        private int _count;

        public bool Add(int value)
        {
            if (_overflow is not null)
            {
                return _overflow.Add(value);
            }

            if (_items[.._count].Contains(value))
            {
                return false;
            }

            if (_count == _items.Length)
            {
                _overflow = [.. _items, value];
                return true;
            }

            _items[_count++] = value;
            return true;
        }
    }
}
