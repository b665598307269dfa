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

    // Per comparison, per option: what says when that option is the one (its summary, use-when, pros, examples and
    // its rules' reasons), for a question that describes the options instead of naming them.
    private readonly int[][][] _sides;
    private readonly HashSet<int>[] _reasonTexts;
    private readonly int _widest;

    private SemanticIndex(KnowledgeBase knowledge, float[][] vectors, string[] texts, (int Rule, int Text)[][] phrases, int[][] descriptions, int[][][] sides)
    {
        Knowledge = knowledge;
        _vectors = vectors;
        _texts = texts;
        _phrases = phrases;
        _descriptions = descriptions;
        _sides = sides;
        _reasonTexts = [.. phrases.Select(p => p.Where(x => x.Rule < 0).Select(x => x.Text).ToHashSet())];
        _widest = sides.Length == 0 ? 0 : sides.Max(s => s.Length);
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
        var sides = new int[knowledge.Comparisons.Count][][];
        for (var c = 0; c < knowledge.Comparisons.Count; c++)
        {
            var comparison = knowledge.Comparisons[c];
            var own = new List<(int, int)>();
            var described = new List<int> { Id(comparison.Title), Id(string.Join(" vs ", comparison.OptionIds.Select(knowledge.OptionName))) };
            sides[c] = new int[comparison.Sides.Count][];
            for (var k = 0; k < comparison.Sides.Count; k++)
            {
                var side = comparison.Sides[k];
                var says = new List<int>();
                if (knowledge.FindOption(side.OptionId) is { Summary.Length: > 0 } option)
                {
                    says.Add(Id($"{option.Name}: {option.Summary}"));
                    described.Add(says[^1]);
                }

                if (side.UseWhen.Length > 0)
                {
                    says.Add(Id(side.UseWhen));
                    described.Add(says[^1]);
                }

                foreach (var text in side.Pros.Concat(side.Examples).Concat(comparison.Rules.Where(r => r.Pick == side.OptionId).Select(r => r.Because)))
                {
                    if (text.Length > 0)
                    {
                        says.Add(Id(text));
                    }
                }

                sides[c][k] = [.. says.Distinct()];
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
                    // A number slot ("{n>=100} services") is a quantity the words check exactly; as meaning,
                    // "many services" is near every sentence that says "service".
                    if (Slot().IsMatch(signal))
                    {
                        continue;
                    }

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

        return (new SemanticIndex(knowledge, vectors, [.. texts], phrases, descriptions, sides), missing.Count);
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

    /// <summary>
    /// The comparison's options (or those of <paramref name="among"/>), each scored by how close the query comes to
    /// what its rules say: the mean of its two closest texts, rule phrases and reasons alike, so that one phrase that
    /// happens to share a word weighs less than a situation two of the option's texts describe. Each carries the rule
    /// of its closest text, with that rule's closest phrase. Best first.
    /// </summary>
    public IReadOnlyList<SideScore> RankSides(int comparison, ReadOnlySpan<float> query, IReadOnlyList<string>? among = null)
    {
        var rules = Knowledge.Comparisons[comparison].Rules;
        var phrase = new float[rules.Count];
        var phraseText = new int[rules.Count];
        var reason = new float[rules.Count];
        Array.Fill(phrase, -1f);
        Array.Fill(phraseText, -1);
        var sides = new List<(string Option, float First, float Second, int Rule)>();
        foreach (var (entry, text) in _phrases[comparison])
        {
            var r = entry < 0 ? -1 - entry : entry;
            var option = rules[r].Pick;
            if (among is not null && !among.Contains(option))
            {
                continue;
            }

            var similarity = Similarity(query, text);
            if (entry < 0)
            {
                reason[r] = similarity;
            }
            else if (similarity > phrase[r])
            {
                (phrase[r], phraseText[r]) = (similarity, text);
            }

            var s = sides.FindIndex(x => x.Option == option);
            if (s < 0)
            {
                sides.Add((option, similarity, -1f, r));
            }
            else if (similarity > sides[s].First)
            {
                sides[s] = (option, similarity, sides[s].First, r);
            }
            else if (similarity > sides[s].Second)
            {
                sides[s] = sides[s] with { Second = similarity };
            }
        }

        // What each option's side says when it is the one (summary, use-when, pros, examples), beside its rules: a
        // person describes their situation, and the entry's prose often says it closer than any rule's phrase. A
        // reason is already counted above, so each text counts once.
        var comparisonSides = Knowledge.Comparisons[comparison].Sides;
        for (var k = 0; k < comparisonSides.Count && k < _sides[comparison].Length; k++)
        {
            var s = sides.FindIndex(x => x.Option == comparisonSides[k].OptionId);
            if (s < 0)
            {
                continue;
            }

            foreach (var text in _sides[comparison][k])
            {
                if (_reasonTexts[comparison].Contains(text))
                {
                    continue;
                }

                var similarity = Similarity(query, text);
                if (similarity > sides[s].First)
                {
                    sides[s] = sides[s] with { First = similarity, Second = sides[s].First };
                }
                else if (similarity > sides[s].Second)
                {
                    sides[s] = sides[s] with { Second = similarity };
                }
            }
        }

        var scores = new List<SideScore>(sides.Count);
        foreach (var (option, first, second, r) in sides)
        {
            // A rule whose phrases are all number slots is read as its reason.
            var closest = phraseText[r] >= 0
                ? new RuleScore(rules[r], _texts[phraseText[r]], phrase[r], reason[r])
                : new RuleScore(rules[r], rules[r].Because, reason[r], reason[r]);
            scores.Add(new SideScore(option, second < 0 ? first : (first + second) / 2, closest));
        }

        scores.Sort((a, b) => b.Score.CompareTo(a.Score));
        return scores;
    }

    /// <summary>
    /// Every comparison scored against a question that names none of its options, best first; at most
    /// <paramref name="take"/>. Three readings are averaged: the question against what describes the comparison (its
    /// title, names, summaries, use-when and rule phrases), against what its options say (summaries, use-when, pros,
    /// examples, rule reasons), and, for a dilemma ("append events and rebuild state, or update rows?"), each
    /// alternative against a different option, in the better of the two assignments. Without the alternatives the
    /// question stands in for them. The text shown is the one closest to the whole question.
    /// </summary>
    public IReadOnlyList<EntryScore> RankEntries(ReadOnlySpan<float> query, int take, Func<int, bool>? allowed = null, float[]? first = null, float[]? second = null)
    {
        var scores = new List<EntryScore>(_descriptions.Length);
        var dilemma = first is not null && second is not null;
        var lefts = new float[_widest];
        var rights = new float[_widest];
        for (var c = 0; c < _descriptions.Length; c++)
        {
            if (allowed is not null && !allowed(c))
            {
                continue;
            }

            var (whole, text) = Closest(query, _descriptions[c]);
            if (text < 0)
            {
                continue;
            }

            var (shown, said, pair) = (whole, -1f, -1f);
            var sides = _sides[c];
            for (var a = 0; a < sides.Length; a++)
            {
                var (near, closest) = Closest(query, sides[a]);
                said = Math.Max(said, near);
                if (near > shown)
                {
                    (shown, text) = (near, closest);
                }

                if (dilemma)
                {
                    lefts[a] = Closest(first, sides[a]).Similarity;
                    rights[a] = Closest(second, sides[a]).Similarity;
                }
            }

            for (var a = 0; dilemma && a < sides.Length; a++)
            {
                for (var b = 0; b < sides.Length; b++)
                {
                    if (b != a)
                    {
                        pair = Math.Max(pair, (lefts[a] + rights[b]) / 2);
                    }
                }
            }

            var score = (whole + (said >= 0 ? said : whole) + (pair >= 0 ? pair : whole)) / 3;
            scores.Add(new EntryScore(Knowledge.Comparisons[c], _texts[text], score));
        }

        scores.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
        return scores.Count > take ? scores[..take] : scores;
    }

    private (float Similarity, int Text) Closest(ReadOnlySpan<float> query, int[] texts)
    {
        var best = -1f;
        var text = -1;
        foreach (var t in texts)
        {
            var similarity = Similarity(query, t);
            if (similarity > best)
            {
                (best, text) = (similarity, t);
            }
        }

        return (best, text);
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

/// <summary>An option of a comparison, how close a question came to what its rules say, and the rule it came closest to.</summary>
public sealed record SideScore(string OptionId, float Score, RuleScore Closest);

/// <summary>A comparison and the text of it that came closest to the question, with their cosine similarity.</summary>
public sealed record EntryScore(Comparison Comparison, string Text, float Similarity);
