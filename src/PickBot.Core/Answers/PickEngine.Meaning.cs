using System.Collections.Frozen;
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

    private static bool IsFiller(string word) => Words.Stop.Contains(word) || Words.ComparisonWords.Contains(word) || Filler.Contains(word);

    /// <summary>
    /// The context as meaning reads it: the runs of the question's words outside the option names, each trimmed of
    /// filler at both ends, shown as the person wrote them. Null when fewer than two words of content remain.
    /// </summary>
    private static string? MeaningContext(string plain, List<Token> tokens, bool[] excluded)
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

        return content >= 2 ? string.Join(" … ", runs) : null;
    }

    /// <summary>
    /// When no rule matched lexically: the rule whose phrase is most similar to the context, if it clears the
    /// confidence and leads the best rule for any other option by the margin.
    /// </summary>
    private (RuleScore Read, string Words, RuleScore? Other)? ReadRuleByMeaning(KnowledgeBase kb, Comparison comparison, string plain, List<Token> tokens, bool[] excluded, List<string>? named)
    {
        var c = kb.IndexOf(comparison);
        if (c < 0 || meaning?.IndexFor(kb) is not { } index || Negated(tokens, excluded)
            || MeaningContext(plain, tokens, excluded) is not { } words || meaning.Embed(words) is not { } query)
        {
            return null;
        }

        var ranked = index.RankRules(c, query);
        RuleScore? best = null;
        RuleScore? other = null;
        foreach (var score in ranked)
        {
            if (named is not null && !named.Contains(score.Rule.Pick))
            {
                continue;
            }

            if (best is null)
            {
                best = score;
            }
            else if (other is null && score.Rule.Pick != best.Rule.Pick)
            {
                other = score;
            }
        }

        var options = meaning.Options;
        if (best is null || best.Similarity < options.RuleThreshold || (other is not null && best.Similarity - other.Similarity < options.RuleMargin)
            || !ReasonAgrees(ranked, best, named))
        {
            return null;
        }

        // A rule for another option that also clears the confidence is a signal for the other side: it is named.
        return (best, words, other is not null && other.Similarity >= options.RuleThreshold ? other : null);
    }

    /// <summary>
    /// Two readings must agree before meaning decides: the option whose rule phrase is closest and the option whose
    /// rule reasons, sentences about the situation, are closest. A short phrase alone ("many services") is too easily
    /// near a context that means something else.
    /// </summary>
    private static bool ReasonAgrees(IReadOnlyList<RuleScore> ranked, RuleScore best, List<string>? named)
    {
        RuleScore? closest = null;
        foreach (var score in ranked)
        {
            if ((named is null || named.Contains(score.Rule.Pick)) && (closest is null || score.ReasonSimilarity > closest.ReasonSimilarity))
            {
                closest = score;
            }
        }

        return closest is null || closest.Rule.Pick == best.Rule.Pick;
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

        if (named.Count > 1 || !AsksForChoice(plain, tokens) || NamesUnknownOption(plain, tokens, excluded) || MeaningContext(plain, tokens, excluded) is not { } words
            || meaning.Embed(plain) is not { } query)
        {
            return null;
        }

        // With one option named, only its own comparisons: the person said which thing they are asking about.
        var own = named.Count == 1 ? kb.ComparisonsOf(named[0]).ToHashSet() : null;
        var ranked = index.RankEntries(query, EntrySuggestions, own is null ? null : own.Contains);
        if (ranked.Count == 0)
        {
            return null;
        }

        var options = meaning.Options;
        var top = ranked[0];
        var lead = ranked.Count > 1 ? top.Similarity - ranked[1].Similarity : 1;
        if (top.Similarity >= options.EntryThreshold && lead >= options.EntryMargin)
        {
            var answer = Judge(kb, top.Comparison, text, plain, tokens, mentions, corrections);
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
            Message = "I'm not sure which comparison you mean. Did you mean one of these?",
            Suggestions = ranked.Select(s => SuggestionFor(kb, s.Comparison)).ToList(),
            Understood = ranked.Select(s => new Understanding(words, s.Comparison.Title, Math.Round(s.Similarity, 3), UnderstoodBy.Meaning)).ToList(),
        };
    }

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
    private static bool AsksForChoice(string plain, List<Token> tokens) => AnyChoiceCue(tokens);

    /// <summary>
    /// Whether the question names something the library does not hold as an option: a word that is no known name
    /// beside "vs" ("vue vs solid"), or a name of one or two words joined by "or" to another, at least one of them
    /// unknown ("coffee or tea?", "macbook or linux laptop", "vue or solid"). "Tables, or one schema" and "an app or a bunch of services" are
    /// sentences, not names.
    /// </summary>
    private static bool NamesUnknownOption(string plain, List<Token> tokens, bool[] named)
    {
        bool Unknown(int k) => k >= 0 && k < tokens.Count && !named[k] && !Words.Stop.Contains(tokens[k].Value) && !Filler.Contains(tokens[k].Value);
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
            if (word is "vs" or "vs." or "v" or "v." or "versus" && (Unknown(k - 1) || Unknown(k + 1)))
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
