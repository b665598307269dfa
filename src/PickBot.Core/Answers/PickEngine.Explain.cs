using PickBot.Core.Semantic;
using PickBot.Core.Text;
using PickBot.Core.Verdicts;

namespace PickBot.Core.Answers;

/// <summary>
/// A rule's score for one question: by its words (<see cref="Method"/> exact) or by meaning (a similarity), or, as
/// method "option", an option's score by meaning with the rule it came closest to.
/// </summary>
public sealed record RuleExplanation(string RuleId, string Pick, string Method, double Score, IReadOnlyList<string> Phrases);

/// <summary>A comparison's similarity to a question, and its text that came closest.</summary>
public sealed record EntryExplanation(string Id, string Title, double Similarity, string ClosestText);

/// <summary>
/// How a question was read, for <c>pickbot explain</c>: the answer, the rules of the answered comparison by words
/// and by meaning, the comparisons nearest in meaning, and the confidences they are held to.
/// </summary>
public sealed record Explanation(
    Answer Answer,
    string? MeaningContext,
    IReadOnlyList<RuleExplanation> Rules,
    IReadOnlyList<EntryExplanation> Entries,
    SemanticStatus Meaning,
    SemanticOptions? Thresholds);

public sealed partial class PickEngine
{
    private const int ExplainTop = 5;

    /// <summary>Answers the question and shows the scores behind the answer; the model runs here whatever the words did.</summary>
    public Explanation Explain(string? question)
    {
        var kb = store.Current;
        var answer = Ask(question);
        var plain = SlackText.ToPlain(Prepare(question));
        var tokens = Tokenizer.Tokenize(plain);
        // The names as Ask read them: exact, elliptical ("blue/green" for both), and the typo-tolerant ones when
        // the answer says it corrected a word; otherwise a misspelt name would be shown as context.
        var mentions = FindExact(kb, tokens);
        AddElliptical(kb, tokens, mentions);
        if (answer.Corrections.Count > 0)
        {
            AddFuzzy(kb, tokens, plain, mentions, []);
        }

        var comparison = answer.Entry;
        var excluded = new bool[tokens.Count];
        foreach (var m in mentions)
        {
            if (comparison is null || HasSide(comparison.Sides, kb.Options[m.OptionIndex].Id))
            {
                for (var k = m.First; k < m.First + m.Count; k++)
                {
                    excluded[k] = true;
                }
            }
        }

        var context = MeaningContext(plain, tokens, excluded);
        var rules = new List<RuleExplanation>();
        var index = meaning?.IndexFor(kb);
        if (comparison is not null && kb.IndexOf(comparison) is var c and >= 0)
        {
            var words = new List<QuestionWord>();
            for (var k = 0; k < tokens.Count; k++)
            {
                if (!excluded[k])
                {
                    words.Add(new QuestionWord(Tokenizer.Stem(tokens[k].Value), Number(tokens, k), k));
                }
            }

            foreach (var match in kb.RulesOf(c).Evaluate(words))
            {
                rules.Add(new RuleExplanation(match.Rule.Id, match.Rule.Pick, "exact", match.Score, match.Signals));
            }

            if (index is not null && context is not null && meaning!.Embed(context) is { } query)
            {
                // What decides by meaning: each option's score (the mean of its two closest texts), then the rules.
                foreach (var side in index.RankSides(c, query))
                {
                    rules.Add(new RuleExplanation(side.Closest.Rule.Id, side.OptionId, "option", Math.Round(side.Score, 3), [side.Closest.Phrase]));
                }

                foreach (var score in index.RankRules(c, query).Take(ExplainTop))
                {
                    rules.Add(new RuleExplanation(score.Rule.Id, score.Rule.Pick, "meaning", Math.Round(score.Similarity, 3), [score.Phrase]));
                }
            }
        }

        var entries = new List<EntryExplanation>();
        if (index is not null && meaning!.Embed(plain) is { } whole)
        {
            var (first, second) = Alternatives(plain) is { } alternatives ? (meaning.Embed(alternatives.First), meaning.Embed(alternatives.Second)) : (null, null);
            foreach (var score in index.RankEntries(whole, ExplainTop, null, first, second))
            {
                entries.Add(new EntryExplanation(score.Comparison.Id, score.Comparison.Title, Math.Round(score.Similarity, 3), score.Text));
            }
        }

        return new Explanation(answer, context, rules, entries, meaning?.Status ?? new SemanticStatus("off", "off", null, null), meaning?.Options);
    }
}
