using System.Collections.Frozen;
using System.Text.RegularExpressions;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Core.Text;

namespace PickBot.Core.Answers;

/// <summary>
/// The meaning fallback (issue 15), apart from the lexical pipeline: it runs only where words decided nothing, and
/// never overrides them. A rule fires, or a comparison is answered, only above a confidence fitted on the calibration
/// halves of the evaluation tiers; below it the answer stays the honest default or a "did you mean".
/// </summary>
public sealed partial class PickEngine
{
    private const int EntrySuggestions = 3;

    /// <summary>A comparison is offered as "did you mean" from meaning only this far below the confidence to answer.</summary>
    private const double SuggestBelowEntry = 0.12;

    /// <summary>How many words of content a context needs before meaning reads a rule from it.</summary>
    private const int RuleContextWords = 3;

    /// <summary>How close another option's phrase must come to be named as a signal for that side.</summary>
    private const double OtherSideReading = 0.6;

    // Words that carry no context of their own: asking, addressing and thanking ("thoughts?", "for our team", "any
    // opinions", "asking for a friend"). With Words.Stop and Words.ComparisonWords they are trimmed before meaning
    // is read, so "for our team" is not read as "small team".
    private static readonly FrozenSet<string> Filler = new[]
    {
        "thoughts", "thought", "opinion", "opinions", "advice", "idea", "ideas", "suggestion", "suggestions", "recommend",
        "recommendation", "recommendations", "team", "teams", "folks", "guys", "everyone", "anyone", "somebody",
        "someone", "friend", "asking", "ask", "question", "questions", "help", "wondering", "wonder", "curious", "think",
        "tell", "me", "know", "please", "pls", "plz", "thx", "thanks", "thank", "quick", "now", "today", "currently",
        "project", "projects", "company", "case", "situation", "here", "really", "actually", "basically", "guess",
        "again", "anyway", "way", "option", "options", "thing", "things", "stuff", "like", "right", "ok", "okay",
        "well", "lol", "hmm", "cheers", "team's", "yall", "y'all",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words that ask how things differ rather than which to choose.
    private static readonly FrozenSet<string> DifferenceWords = new[] { "difference", "differences", "differ", "between" }.ToFrozenSet(StringComparer.Ordinal);

    private static bool IsFiller(string word) => Words.Stop.Contains(word) || Words.ComparisonWords.Contains(word) || Filler.Contains(word);

    /// <summary>
    /// The context as meaning reads it: the runs of the question's words outside the option names, each trimmed of
    /// filler at both ends, shown as the person wrote them. Null when fewer than <paramref name="atLeast"/> words of content remain.
    /// </summary>
    private static string? MeaningContext(string plain, List<Token> tokens, bool[] excluded, int atLeast = 2)
    {
        var runs = new List<string>();
        var content = 0;
        var k = 0;
        while (k < tokens.Count)
        {
            if (excluded[k])
            {
                k++;
                continue;
            }

            var end = k;
            while (end < tokens.Count && !excluded[end])
            {
                end++;
            }

            var first = k;
            var last = end - 1;
            while (first <= last && IsFiller(tokens[first].Value))
            {
                first++;
            }

            while (last >= first && IsFiller(tokens[last].Value))
            {
                last--;
            }

            for (var i = first; i <= last; i++)
            {
                content += IsFiller(tokens[i].Value) ? 0 : 1;
            }

            if (first <= last)
            {
                runs.Add(Surface(plain, tokens, first, last + 1));
            }

            k = end;
        }

        return content >= atLeast ? string.Join(" … ", runs) : null;
    }

    /// <summary>
    /// When no rule matched lexically: the option whose rules the context comes closest to (see
    /// <see cref="SemanticIndex.RankSides"/>), if that clears the confidence and leads every other option by the
    /// margin. The rule read is the one of its closest text. A context of one or two words is too little to read a
    /// situation from ("for config management", "our daily job"): below three words of content the default stands.
    /// </summary>
    private (RuleScore Read, string Words, SideScore? Other, float Score)? ReadRuleByMeaning(KnowledgeBase kb, Comparison comparison, string plain, List<Token> tokens, bool[] excluded, List<string>? named, (string Text, float[] Vector)? embedded)
    {
        var c = kb.IndexOf(comparison);
        if (c < 0 || meaning?.IndexFor(kb) is not { } index || Negated(tokens, excluded)
            || MeaningContext(plain, tokens, WithoutTopicWords(kb, comparison, tokens, excluded), RuleContextWords) is not { } words
            || (embedded is { } known && known.Text == words ? known.Vector : meaning.Embed(words)) is not { } query)
        {
            return null;
        }

        var sides = index.RankSides(c, query, named);
        if (sides.Count == 0)
        {
            return null;
        }

        var options = meaning.Options;
        var best = sides[0];
        var second = sides.Count > 1 ? sides[1] : null;
        if (best.Score < options.RuleThreshold || (second is not null && best.Score - second.Score < options.RuleMargin))
        {
            return null;
        }

        // Another option's rule that the context also reads as closely as a phrase can be read is a signal for the
        // other side: it is named.
        return (best.Closest, words, second is not null && second.Closest.Similarity >= OtherSideReading ? second : null, best.Score);
    }

    /// <summary>
    /// The words outside the option names that still only say what is being compared: words of the comparison's
    /// title and of its options' names and aliases ("gcp functions" beside "Cloud Functions", "which caching pattern"
    /// in Cache-aside vs Write-through caching). They name the subject, not the situation, and a sentence embedding
    /// reads them as whichever rule shares them ("caching" as "consistent cache").
    /// </summary>
    private static bool[] WithoutTopicWords(KnowledgeBase kb, Comparison comparison, List<Token> tokens, bool[] excluded)
    {
        var topic = new HashSet<string>(StringComparer.Ordinal);
        void Add(string text)
        {
            foreach (var token in Tokenizer.Tokenize(text.ToLowerInvariant()))
            {
                if (!Words.Stop.Contains(token.Value))
                {
                    topic.Add(token.Value);
                }
            }
        }

        Add(comparison.Title);
        foreach (var id in comparison.OptionIds)
        {
            if (kb.FindOption(id) is { } option)
            {
                Add(option.Name);
                foreach (var alias in option.Aliases)
                {
                    Add(alias);
                }
            }
        }

        // A word that is itself the name of something outside the comparison stays: "we already run Postgres" is
        // the situation, even though pgvector's aliases say "postgres vector".
        var trimmed = (bool[])excluded.Clone();
        for (var k = 0; k < tokens.Count; k++)
        {
            trimmed[k] |= topic.Contains(tokens[k].Value)
                && !(kb.Aliases.TryExact(tokens[k].Value, out var alias) && !comparison.OptionIds.Contains(kb.Options[alias.OptionIndex].Id));
        }

        return trimmed;
    }

    /// <summary>
    /// A question that names no comparison: the comparison it is most like, answered when that clears the confidence
    /// and leads the next by the margin; otherwise up to three "did you mean". Null leaves the lexical reply: when
    /// two known options were named, or an option the library does not hold ("vue vs solid" must not become React vs
    /// Vue vs Angular), or nothing but filler was said.
    /// </summary>
    private Answer? PlaceByMeaning(KnowledgeBase kb, string text, string plain, List<Token> tokens, List<Mention> mentions, List<string> corrections)
    {
        if (meaning?.IndexFor(kb) is not { } index)
        {
            return null;
        }

        var named = mentions.Select(m => m.OptionIndex).Distinct().ToList();
        var excluded = new bool[tokens.Count];
        foreach (var m in mentions)
        {
            for (var k = m.First; k < m.First + m.Count; k++)
            {
                excluded[k] = true;
            }
        }

        // "What's the difference between a queue and a topic?" asks for an explanation, not a pick: the comparison
        // that explains it is offered, never answered.
        var choosing = AsksForChoice(plain, tokens);
        var explaining = !choosing && tokens.Exists(t => DifferenceWords.Contains(t.Value));
        if (named.Count > 1 || !(choosing || explaining) || NamesUnknownOption(plain, tokens, excluded) || MeaningContext(plain, tokens, excluded) is not { } words
            || meaning.Embed(words) is not { } query)
        {
            return null;
        }

        // A dilemma's alternatives are read one against each option ("append what happened, or update rows?").
        var (first, second) = Alternatives(plain) is { } alternatives ? (meaning.Embed(alternatives.First), meaning.Embed(alternatives.Second)) : (null, null);

        // With one option named, only its own comparisons: the person said which thing they are asking about.
        var own = named.Count == 1 ? kb.ComparisonsOf(named[0]).ToHashSet() : null;
        var ranked = index.RankEntries(query, EntrySuggestions, own is null ? null : own.Contains, first, second);
        if (ranked.Count == 0)
        {
            return null;
        }

        var options = meaning.Options;
        var top = ranked[0];
        var lead = ranked.Count > 1 ? top.Similarity - ranked[1].Similarity : 1;
        if (!explaining && top.Similarity >= options.EntryThreshold && lead >= options.EntryMargin)
        {
            var answer = Judge(kb, top.Comparison, text, plain, tokens, mentions, corrections, (words, query));
            return answer with
            {
                Inferred = true,
                Message = $"You seem to be asking about {top.Comparison.Title}.",
                Understood = [new Understanding(words, top.Comparison.Title, Math.Round(top.Similarity, 3), UnderstoodBy.Meaning), .. answer.Understood],
            };
        }

        if (named.Count == 1 || top.Similarity < options.EntryThreshold - SuggestBelowEntry)
        {
            return null;
        }

        return new Answer
        {
            Kind = AnswerKind.NoMatch,
            Question = text,
            Corrections = corrections,
            Message = explaining
                ? "I give picks rather than explanations, but these comparisons set the options side by side:"
                : "I'm not sure which comparison you mean. Did you mean one of these?",
            Suggestions = ranked.Select(s => SuggestionFor(kb, s.Comparison)).ToList(),
            Understood = ranked.Select(s => new Understanding(words, s.Comparison.Title, Math.Round(s.Similarity, 3), UnderstoodBy.Meaning)).ToList(),
        };
    }

    /// <summary>
    /// The two alternatives of a dilemma: the words either side of its last "or", each running to the nearest
    /// clause edge ("we're three people: one deployable app or a bunch of little services?" gives "one deployable
    /// app" and "a bunch of little services"). Null without an "or", or when a side is empty.
    /// </summary>
    internal static (string First, string Second)? Alternatives(string plain)
    {
        var at = -1;
        foreach (var match in OrWord().EnumerateMatches(plain))
        {
            at = match.Index;
        }

        if (at < 0)
        {
            return null;
        }

        var left = plain.AsSpan(0, at).TrimEnd(" ,;");
        left = left[(left.LastIndexOfAny(ClausePunctuation) + 1)..].Trim();
        var right = plain.AsSpan(at + 2);
        var end = right.IndexOfAny(ClausePunctuation);
        right = (end >= 0 ? right[..end] : right).Trim();
        return left.IsEmpty || right.IsEmpty ? null : (left.ToString(), right.ToString());
    }

    [GeneratedRegex(@"\bor\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrWord();

    /// <summary>
    /// A sentence embedding reads "we don't need replay" much as "we need replay": where the context denies
    /// something, meaning stays silent rather than risk reading the opposite, and the default stands.
    /// </summary>
    private static bool Negated(List<Token> tokens, bool[] excluded)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            // "We can't afford downtime" insists rather than denies, as the rules read it.
            if (!excluded[k] && Words.Negations.Contains(tokens[k].Value) && !(k + 1 < tokens.Count && tokens[k + 1].Value == "afford"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// PickBot is asked for picks: a question placed by meaning must ask for a choice ("should we", "or", "which",
    /// a question mark with "vs"). "Who owns the billing service?" or "thanks for the help with the migration" talk
    /// about a subject without asking to choose, and are not answered from a comparison.
    /// </summary>
    private static bool AsksForChoice(string plain, List<Token> tokens)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            var word = tokens[k].Value;
            if (!Words.ChoiceCues.Contains(word) || DifferenceWords.Contains(word))
            {
                continue;
            }

            // "We should batch these tickets next sprint" says what to do; "should we batch them?" asks.
            if (word != "should" || plain.Contains('?', StringComparison.Ordinal)
                || (k + 1 < tokens.Count && tokens[k + 1].Value is "we" or "i" or "our" or "you" or "they" or "it" or "the" or "this" or "that" or "all" or "every" or "each"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the question names something the library does not hold as an option: a word that is no known name
    /// beside "vs" ("vue vs solid"), or a name of one or two words joined by "or" to another, at least one of them
    /// unknown ("coffee or tea?", "macbook or linux laptop", "vue or solid"). "Tables, or one schema" and "an app or a bunch of services" are
    /// sentences, not names.
    /// </summary>
    private static bool NamesUnknownOption(string plain, List<Token> tokens, bool[] named)
    {
        // A capitalised word inside a sentence is a name even when it is also an everyday word ("Sass or Less").
        bool Capitalised(int k) => k > 0 && tokens[k].Length > 1 && char.IsUpper(plain[tokens[k].Start])
            && plain.AsSpan(tokens[k - 1].End, tokens[k].Start - tokens[k - 1].End).IndexOfAny(".!?") < 0;
        bool Unknown(int k) => k >= 0 && k < tokens.Count && !named[k]
            && ((!Words.Stop.Contains(tokens[k].Value) && !Filler.Contains(tokens[k].Value)) || Capitalised(k));
        bool Edge(int k) => k < 0 || k >= tokens.Count || Words.Stop.Contains(tokens[k].Value) || Filler.Contains(tokens[k].Value);
        bool Punctuated(int a, int b) => a < 0 || b >= tokens.Count || plain.AsSpan(tokens[a].End, tokens[b].Start - tokens[a].End).IndexOfAny(ClausePunctuation) >= 0;

        // A name of one or two words, from the word next to "or" outwards, ending at a clause edge or a function word.
        bool NameFrom(int k, int step) =>
            (Unknown(k) || (k >= 0 && k < tokens.Count && named[k])) && !Punctuated(Math.Min(k, k - step), Math.Max(k, k - step))
            && (Edge(k + step) || Punctuated(Math.Min(k, k + step), Math.Max(k, k + step))
                || ((Unknown(k + step) || (k + step >= 0 && k + step < tokens.Count && named[k + step]))
                    && (Edge(k + (2 * step)) || Punctuated(Math.Min(k + step, k + (2 * step)), Math.Max(k + step, k + (2 * step))))));

        for (var k = 0; k < tokens.Count; k++)
        {
            var word = tokens[k].Value;
            // "human evaluation vs a/b testing": past an article, the name that follows.
            var after = k + 1 < tokens.Count && tokens[k + 1].Value is "a" or "an" or "the" ? k + 2 : k + 1;
            if (word is "vs" or "vs." or "v" or "v." or "versus" && (Unknown(k - 1) || Unknown(after)))
            {
                return true;
            }

            // "coffee or tea?", "macbook or linux laptop", "vue or solid": at least one side is no known name.
            if (word == "or" && (Unknown(k - 1) || Unknown(k + 1)) && NameFrom(k - 1, -1) && NameFrom(k + 1, 1))
            {
                return true;
            }
        }

        return false;
    }
}
