using System.Text.RegularExpressions;
using PickBot.Core.Knowledge;

namespace PickBot.Core.Semantic;

/// <summary>
/// The vectors of one knowledge base: every rule phrase, and for each comparison what describes it (its title, its
/// option names, each side's summary and use-when, and its rule phrases). Built once per loaded set from the
/// <see cref="VectorCache"/>, embedding only the texts it does not hold; read-only afterwards, so it is thread-safe.
/// </summary>
public sealed partial class SemanticIndex
{
    private readonly float[][] _vectors;
    private readonly string[] _texts;

    // Per comparison: each rule phrase as (rule index, text index), each rule's reason as (-1 - rule index, text
    // index), and every text that describes the comparison.
    private readonly (int Rule, int Text)[][] _phrases;
    private readonly int[][] _descriptions;

    private SemanticIndex(KnowledgeBase knowledge, float[][] vectors, string[] texts, (int Rule, int Text)[][] phrases, int[][] descriptions)
    {
        Knowledge = knowledge;
        _vectors = vectors;
        _texts = texts;
        _phrases = phrases;
        _descriptions = descriptions;
    }

    public KnowledgeBase Knowledge { get; }

    /// <summary>How many distinct texts the index holds.</summary>
    public int TextCount => _texts.Length;

    /// <summary>
    /// Builds the index of <paramref name="knowledge"/>, taking vectors from <paramref name="cache"/> and embedding the
    /// rest with <paramref name="embed"/> in batches; returns how many were embedded.
    /// </summary>
    public static async Task<(SemanticIndex Index, int Embedded)> BuildAsync(
        KnowledgeBase knowledge,
        VectorCache cache,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<float[]>>> embed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(embed);
        const int Batch = 64;

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        int Id(string text)
        {
            if (!ids.TryGetValue(text, out var id))
            {
                ids[text] = id = texts.Count;
                texts.Add(text);
            }

            return id;
        }

        var phrases = new (int Rule, int Text)[knowledge.Comparisons.Count][];
        var descriptions = new int[knowledge.Comparisons.Count][];
        for (var c = 0; c < knowledge.Comparisons.Count; c++)
        {
            var comparison = knowledge.Comparisons[c];
            var own = new List<(int, int)>();
            var described = new List<int> { Id(comparison.Title), Id(string.Join(" vs ", comparison.OptionIds.Select(knowledge.OptionName))) };
            foreach (var side in comparison.Sides)
            {
                if (knowledge.FindOption(side.OptionId) is { Summary.Length: > 0 } option)
                {
                    described.Add(Id($"{option.Name}: {option.Summary}"));
                }

                if (side.UseWhen.Length > 0)
                {
                    described.Add(Id(side.UseWhen));
                }
            }

            for (var r = 0; r < comparison.Rules.Count; r++)
            {
                // The rule's reason says in a sentence the situation its phrases name in a word or two: people who
                // describe their case at length come closer to it than to any single phrase.
                if (comparison.Rules[r].Because.Length > 0)
                {
                    own.Add((-1 - r, Id(comparison.Rules[r].Because)));
                }

                foreach (var signal in comparison.Rules[r].When)
                {
                    var text = PhraseText(signal);
                    if (text.Length > 0)
                    {
                        var id = Id(text);
                        own.Add((r, id));
                        described.Add(id);
                    }
                }
            }

            phrases[c] = [.. own];
            descriptions[c] = [.. described.Distinct()];
        }

        var vectors = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (cache.TryGet(texts[i], out var vector))
            {
                vectors[i] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        for (var start = 0; start < missing.Count; start += Batch)
        {
            var chunk = missing.Skip(start).Take(Batch).ToList();
            var computed = await embed(chunk.Select(i => texts[i]).ToList(), cancellationToken).ConfigureAwait(false);
            if (computed.Count != chunk.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {computed.Count} vectors for {chunk.Count} texts.");
            }

            var added = new List<(string, float[])>(chunk.Count);
            for (var k = 0; k < chunk.Count; k++)
            {
                vectors[chunk[k]] = VectorMath.Normalised(computed[k]);
                added.Add((texts[chunk[k]], vectors[chunk[k]]));
            }

            cache.Add(added);
        }

        return (new SemanticIndex(knowledge, vectors, [.. texts], phrases, descriptions), missing.Count);
    }

    /// <summary>A signal as a person would say it: a number slot <c>{n&lt;=5}</c> reads "few", <c>{n&gt;=100}</c> "many".</summary>
    public static string PhraseText(string signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return Slot().Replace(signal, m => m.Groups[1].Value switch
        {
            "<" or "<=" => "few",
            ">" or ">=" => "many",
            _ => "some",
        }).Trim();
    }

    /// <summary>
    /// The comparison's rules, each with its most similar phrase and how similar its reason is, best phrase first.
    /// </summary>
    public IReadOnlyList<RuleScore> RankRules(int comparison, ReadOnlySpan<float> query)
    {
        var rules = Knowledge.Comparisons[comparison].Rules;
        var best = new RuleScore?[rules.Count];
        var reasons = new float[rules.Count];
        foreach (var (entry, text) in _phrases[comparison])
        {
            var similarity = Similarity(query, text);
            if (entry < 0)
            {
                reasons[-1 - entry] = similarity;
            }
            else if (best[entry] is not { } current || similarity > current.Similarity)
            {
                best[entry] = new RuleScore(rules[entry], _texts[text], similarity, 0);
            }
        }

        var scores = new List<RuleScore>(rules.Count);
        for (var r = 0; r < rules.Count; r++)
        {
            if (best[r] is { } score)
            {
                scores.Add(score with { ReasonSimilarity = reasons[r] });
            }
        }

        scores.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
        return scores;
    }

    /// <summary>Every comparison's similarity to the query (its most similar description), best first; at most <paramref name="take"/>.</summary>
    public IReadOnlyList<EntryScore> RankEntries(ReadOnlySpan<float> query, int take, Func<int, bool>? allowed = null)
    {
        var scores = new List<EntryScore>(_descriptions.Length);
        for (var c = 0; c < _descriptions.Length; c++)
        {
            if (allowed is not null && !allowed(c))
            {
                continue;
            }

            var best = -1f;
            var text = -1;
            foreach (var d in _descriptions[c])
            {
                var similarity = Similarity(query, d);
                if (similarity > best)
                {
                    (best, text) = (similarity, d);
                }
            }

            if (text >= 0)
            {
                scores.Add(new EntryScore(Knowledge.Comparisons[c], _texts[text], best));
            }
        }

        scores.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
        return scores.Count > take ? scores[..take] : scores;
    }

    private float Similarity(ReadOnlySpan<float> query, int text) => VectorMath.Dot(query, _vectors[text]);

    [GeneratedRegex(@"\{\s*n\s*(<=|>=|<|>|=)?\s*[0-9.]*\s*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Slot();
}

/// <summary>
/// A rule and the phrase of it that came closest to the question, with their cosine similarity, and the similarity
/// of the rule's reason (its <c>because</c>) to the question.
/// </summary>
public sealed record RuleScore(VerdictRule Rule, string Phrase, float Similarity, float ReasonSimilarity);

/// <summary>A comparison and the text of it that came closest to the question, with their cosine similarity.</summary>
public sealed record EntryScore(Comparison Comparison, string Text, float Similarity);
