using System.Collections.Frozen;
using PickBot.Core.Matching;
using PickBot.Core.Text;
using PickBot.Core.Verdicts;

namespace PickBot.Core.Knowledge;

/// <summary>
/// A loaded, immutable set of knowledge with its indexes. A reload builds a new one and swaps it in whole, so a
/// question is always answered from one consistent set.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly FrozenDictionary<string, int> _optionIndex;
    private readonly FrozenDictionary<string, int> _comparisonIndexById;
    private readonly int[][] _comparisonsByOption;
    private readonly RuleSet[] _ruleSets;
    private readonly Lazy<FrozenSet<string>> _proseWords;

    public KnowledgeBase(
        IReadOnlyList<KnowledgeOption> options,
        IReadOnlyList<Comparison> comparisons,
        IReadOnlyList<KnowledgeProblem> problems,
        string version,
        DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(comparisons);
        Options = ExactList.From(options);
        Comparisons = ExactList.From(comparisons);
        options = Options;
        comparisons = Comparisons;
        Problems = problems;
        Version = version;
        LoadedAt = loadedAt;
        _optionIndex = options.Select((o, i) => (o.Id, i)).DistinctBy(p => p.Id).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _comparisonIndexById = comparisons.Select((c, i) => (c.Id, i)).DistinctBy(p => p.Id).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var byOption = new List<int>[options.Count];
        for (var c = 0; c < comparisons.Count; c++)
        {
            foreach (var id in comparisons[c].OptionIds)
            {
                if (_optionIndex.TryGetValue(id, out var o))
                {
                    (byOption[o] ??= []).Add(c);
                }
            }
        }

        _comparisonsByOption = byOption.Select(l => l?.ToArray() ?? []).ToArray();
        _ruleSets = new RuleSet[comparisons.Count];
        var stems = new StemTable();

        // Option ids, picks, areas, tags, owners and rule ids repeat across a library: one copy of each (option ids
        // first, so that the copy kept is the option's own). Prose is not shared: real entries do not repeat it.
        var strings = new StringPool();
        foreach (var option in options)
        {
            strings.Get(option.Id);
            option.Share(strings);
        }

        if (comparisons.Count < 64)
        {
            for (var c = 0; c < comparisons.Count; c++)
            {
                comparisons[c].Share(strings);
                _ruleSets[c] = new RuleSet(comparisons[c], stems);
            }
        }
        else
        {
            // Compiling rules is independent per comparison and a large share of a big load: use every core.
            Parallel.For(0, comparisons.Count, c =>
            {
                comparisons[c].Share(strings);
                _ruleSets[c] = new RuleSet(comparisons[c], stems);
            });
        }

        stems.Freeze();

        Aliases = new AliasIndex(options);
        _proseWords = new Lazy<FrozenSet<string>>(() => ReadProseWords(Options, Comparisons), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static KnowledgeBase Empty { get; } = new([], [], [], "empty", DateTimeOffset.MinValue);

    public IReadOnlyList<KnowledgeOption> Options { get; }

    public IReadOnlyList<Comparison> Comparisons { get; }

    /// <summary>Everything the loader found wrong or worth a warning; entries with errors are not served.</summary>
    public IReadOnlyList<KnowledgeProblem> Problems { get; }

    public bool HasErrors => Problems.Any(p => p.IsError);

    /// <summary>A short hash of the files' contents: two loads of the same files have the same version.</summary>
    public string Version { get; }

    public DateTimeOffset LoadedAt { get; }

    public AliasIndex Aliases { get; }

    /// <summary>
    /// Every word the library's prose uses (reasons, use-when, pros, cons, examples, summaries), built on first use:
    /// a word the curators spell this way is a word, not a misspelt name ("built" is not "Build", "server" is not
    /// "semver"), so the typo pass leaves it alone.
    /// </summary>
    internal FrozenSet<string> ProseWords => _proseWords.Value;

    public KnowledgeOption? FindOption(string id) => _optionIndex.TryGetValue(id, out var i) ? Options[i] : null;

    public int OptionIndex(string id) => _optionIndex.TryGetValue(id, out var i) ? i : -1;

    public Comparison? FindComparison(string id) => _comparisonIndexById.TryGetValue(id, out var i) ? Comparisons[i] : null;

    /// <summary>Where this very comparison (not just one with its id) stands in <see cref="Comparisons"/>, or -1.</summary>
    internal int IndexOf(Comparison comparison) =>
        _comparisonIndexById.TryGetValue(comparison.Id, out var i) && ReferenceEquals(Comparisons[i], comparison) ? i : -1;

    public IReadOnlyList<int> ComparisonsOf(int optionIndex) => _comparisonsByOption[optionIndex];

    internal RuleSet RulesOf(int comparisonIndex) => _ruleSets[comparisonIndex];

    public string OptionName(string id) => FindOption(id)?.Name ?? id;

    private static FrozenSet<string> ReadProseWords(IReadOnlyList<KnowledgeOption> options, IReadOnlyList<Comparison> comparisons)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        void Add(string text)
        {
            foreach (var token in Tokenizer.Tokenize(text.ToLowerInvariant()))
            {
                words.Add(token.Value);
            }
        }

        foreach (var option in options)
        {
            Add(option.Summary);
        }

        foreach (var comparison in comparisons)
        {
            Add(comparison.DefaultBecause);
            foreach (var rule in comparison.Rules)
            {
                Add(rule.Because);
            }

            foreach (var side in comparison.Sides)
            {
                Add(side.UseWhen);
                foreach (var text in side.Pros.Concat(side.Cons).Concat(side.Examples))
                {
                    Add(text);
                }
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
