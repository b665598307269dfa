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
public sealed class AliasIndex
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _exactBySpan;
    private readonly Dictionary<string, List<int>> _deletions = new(StringComparer.Ordinal);
    private readonly List<AliasEntry> _entries = [];

    public AliasIndex(IReadOnlyList<KnowledgeOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        for (var i = 0; i < options.Count; i++)
        {
            foreach (var written in options[i].AllNames())
            {
                var tokens = Tokenizer.Tokenize(written);
                var key = string.Concat(tokens.Select(t => t.Value));
                if (key.Length == 0 || !_exact.TryAdd(key, _entries.Count))
                {
                    // First writer wins; the validator reports an alias that two options claim.
                    continue;
                }

                MaxTokens = Math.Max(MaxTokens, tokens.Count);
                _entries.Add(new AliasEntry(key, written, i));
                if (EditDistance.AllowedTypos(key.Length) > 0)
                {
                    AddDeletion(key, _entries.Count - 1);
                    foreach (var variant in Deletions(key))
                    {
                        AddDeletion(variant, _entries.Count - 1);
                    }
                }
            }
        }

        _exactBySpan = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The most words any alias has: the longest run of words worth looking up.</summary>
    public int MaxTokens { get; }

    public int Count => _entries.Count;

    public IReadOnlyList<AliasEntry> Entries => _entries;

    public bool TryExact(ReadOnlySpan<char> compactKey, out AliasEntry entry)
    {
        if (_exactBySpan.TryGetValue(compactKey, out var index))
        {
            entry = _entries[index];
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>The closest alias within the typo allowance of both words, or null.</summary>
    public FuzzyHit? Fuzzy(string compactKey, int extraTolerance = 0)
    {
        var allowed = EditDistance.AllowedTypos(compactKey.Length);
        if (allowed == 0)
        {
            return null;
        }

        allowed += extraTolerance;
        FuzzyHit? best = null;
        var seen = new HashSet<int>();
        foreach (var probe in Probes(compactKey))
        {
            if (!_deletions.TryGetValue(probe, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (!seen.Add(candidate))
                {
                    continue;
                }

                var entry = _entries[candidate];
                var limit = Math.Min(allowed, EditDistance.AllowedTypos(entry.Key.Length) + extraTolerance);
                var distance = EditDistance.Compute(compactKey, entry.Key, limit);
                if (distance <= limit && (best is null || distance < best.Value.Distance))
                {
                    best = new FuzzyHit(entry, distance);
                }
            }
        }

        return best;
    }

    private static IEnumerable<string> Probes(string key)
    {
        yield return key;
        foreach (var variant in Deletions(key))
        {
            yield return variant;
        }
    }

    private static IEnumerable<string> Deletions(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            yield return string.Concat(key.AsSpan(0, i), key.AsSpan(i + 1));
        }
    }

    private void AddDeletion(string variant, int entry)
    {
        if (!_deletions.TryGetValue(variant, out var list))
        {
            list = new List<int>(1);
            _deletions.Add(variant, list);
        }

        if (list.Count == 0 || list[^1] != entry)
        {
            list.Add(entry);
        }
    }
}
