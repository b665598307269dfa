using System.Buffers;
using System.Collections.Frozen;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Text;

namespace PickBot.Core.Rephrasing;

/// <summary>
/// Decides whether an LLM's rewording of an answer may be shown. It must name the picked option (by its name, id or an
/// alias), must not recommend another option of the comparison as the pick, must not argue against the pick, and must
/// fit the length cap. When in doubt it rejects: a rejected text costs only the nicer wording, an accepted flip costs
/// the answer.
/// </summary>
public static class RephraseGuard
{
    public const int DefaultMaxChars = 1200;

    // Words that, in front of an option, make the sentence a recommendation of it: "go with X", "I'd pick X".
    private static readonly string[][] RecommendBefore = Phrases(
        "go with", "going with", "go for", "goes to", "pick", "picking", "choose", "choosing", "select", "recommend",
        "recommending", "recommended", "suggest", "suggesting", "id use", "id go with", "should use", "would use",
        "must use", "opt for", "stick with", "switch to", "prefer", "vote for", "bet on", "lean towards",
        "lean toward", "settle on", "recommend using", "suggest using", "start with");

    // Words after an option that make it the pick: "X is the better choice", "X would be the right call", "X wins".
    private static readonly FrozenSet<string> Verbs = new[] { "is", "would", "will", "remains", "seems", "looks", "be", "like", "clearly", "definitely", "probably", "still", "really", "the", "a", "an", "your", "my", "our", "clear", "obvious", "much", "far" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Verdicts = new[]
    {
        "better", "best", "right", "stronger", "safer", "smarter", "wiser", "recommended", "preferred", "preferable",
        "winner", "wins", "pick", "choice", "way", "call", "answer", "fit",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Negations = Words.Negations
        .Concat(["wouldnt", "shouldnt", "couldnt", "rather", "instead", "than", "over", "avoid", "skip"])
        .ToFrozenSet(StringComparer.Ordinal);

    // A clause with one of these is about another situation: "choose STL instead if you only have one task".
    // "unless" and "otherwise" are deliberately missing: "go with STL unless ..." still makes STL the pick.
    private static readonly FrozenSet<string> Conditions = new[] { "if", "when", "whenever", "where", "wherever", "once", "provided", "case" }
        .ToFrozenSet(StringComparer.Ordinal);

    // A clause opening with one of these sets the condition for the next: "If it is one task, choose STL".
    private static readonly FrozenSet<string> ConditionOpeners = Conditions.Concat(["should"]).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ClauseWords = new[] { "but", "though", "although", "whereas", "however", "while", "yet" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly SearchValues<char> Breaks = SearchValues.Create(".!?;:,\n()\u2013\u2014");

    /// <summary>Checks <paramref name="text"/> against <paramref name="answer"/>'s pick, with option names from <paramref name="knowledge"/>.</summary>
    public static RephraseVerdict Check(string? text, Answer answer, KnowledgeBase knowledge, int maxChars = DefaultMaxChars)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (string.IsNullOrWhiteSpace(text))
        {
            return RephraseVerdict.Reject("empty");
        }

        if (text.Length > maxChars)
        {
            return RephraseVerdict.Reject($"longer than {maxChars} characters ({text.Length})");
        }

        if (answer.Kind != AnswerKind.Pick || answer.Pick is null || answer.Entry is null)
        {
            return RephraseVerdict.Reject("the answer has no pick to keep");
        }

        var picked = NamesOf(answer.Pick, knowledge);
        var others = answer.Entry.OptionIds
            .Where(id => id != answer.Pick.Id)
            .Select(id => (Id: id, Names: NamesOf(new OptionRef(id, knowledge.OptionName(id)), knowledge)))
            .ToList();
        var clauses = Clauses(text);
        var mentions = clauses.Select(c => Mentions(c, answer.Pick.Id, picked, others)).ToList();
        if (!mentions.Any(m => m.Any(x => x.OptionId == answer.Pick.Id)))
        {
            return RephraseVerdict.Reject($"does not name the pick, {answer.Pick.Name}");
        }

        for (var i = 0; i < clauses.Count; i++)
        {
            var clause = clauses[i];
            var conditional = IsConditional(clause, mentions[i]) || (i > 0 && ConditionOpeners.Contains(clauses[i - 1][0]));
            foreach (var (optionId, start, length) in mentions[i])
            {
                var stance = Recommendation(clause, start, length);
                if (optionId == answer.Pick.Id && stance == Stance.Against)
                {
                    return RephraseVerdict.Reject($"argues against the pick, {answer.Pick.Name}");
                }

                if (optionId != answer.Pick.Id && !conditional && stance == Stance.For)
                {
                    return RephraseVerdict.Reject($"recommends {knowledge.OptionName(optionId)} instead of the pick, {answer.Pick.Name}");
                }
            }
        }

        return RephraseVerdict.Accept;
    }

    private static List<string[]> NamesOf(OptionRef option, KnowledgeBase knowledge)
    {
        var names = knowledge.FindOption(option.Id)?.AllNames() ?? [option.Name, option.Id];
        return names
            .Select(n => Tokenizer.Tokenize(n).Select(t => t.Value).ToArray())
            .Where(n => n.Length > 0)
            .DistinctBy(n => string.Join(' ', n))
            .OrderByDescending(n => n.Length)
            .ToList();
    }

    /// <summary>Splits at sentence and clause punctuation and at contrast words, keeping each clause's words.</summary>
    private static List<string[]> Clauses(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        var clauses = new List<string[]>();
        var current = new List<string>();
        for (var k = 0; k < tokens.Count; k++)
        {
            var gapStart = k == 0 ? 0 : tokens[k - 1].End;
            var gap = text.AsSpan(gapStart, tokens[k].Start - gapStart);
            var breaks = gap.IndexOfAny(Breaks) >= 0 || gap.Contains(" - ", StringComparison.Ordinal);
            if ((breaks || ClauseWords.Contains(tokens[k].Value)) && current.Count > 0)
            {
                clauses.Add([.. current]);
                current.Clear();
            }

            current.Add(tokens[k].Value);
        }

        if (current.Count > 0)
        {
            clauses.Add([.. current]);
        }

        return clauses;
    }

    /// <summary>
    /// Where each option is named in a clause. The longest name wins a stretch of words, so "modular monolith" is the
    /// modular monolith and not also a mention of the monolith.
    /// </summary>
    private static List<(string OptionId, int Start, int Length)> Mentions(string[] clause, string pickId, List<string[]> picked, List<(string Id, List<string[]> Names)> others)
    {
        var all = Occurrences(clause, picked).Select(o => (OptionId: pickId, o.Start, o.Length))
            .Concat(others.SelectMany(other => Occurrences(clause, other.Names).Select(o => (OptionId: other.Id, o.Start, o.Length))))
            .OrderByDescending(m => m.Length)
            .ThenBy(m => m.Start)
            .ToList();
        var taken = new bool[clause.Length];
        var kept = new List<(string OptionId, int Start, int Length)>();
        foreach (var mention in all)
        {
            if (Enumerable.Range(mention.Start, mention.Length).Any(k => taken[k]))
            {
                continue;
            }

            for (var k = mention.Start; k < mention.Start + mention.Length; k++)
            {
                taken[k] = true;
            }

            kept.Add(mention);
        }

        return kept;
    }

    private static IEnumerable<(int Start, int Length)> Occurrences(string[] clause, List<string[]> names)
    {
        for (var p = 0; p < clause.Length; p++)
        {
            foreach (var name in names)
            {
                if (At(clause, p, name))
                {
                    yield return (p, name.Length);
                    break;
                }
            }
        }
    }

    private static bool At(string[] clause, int p, string[] name)
    {
        if (p + name.Length > clause.Length)
        {
            return false;
        }

        for (var k = 0; k < name.Length; k++)
        {
            var word = clause[p + k];
            var last = k == name.Length - 1;
            // The last word may carry a plural or possessive "s": "MTL's", "microservices".
            if (word != name[k] && !(last && word.Length == name[k].Length + 1 && word[^1] == 's' && word.StartsWith(name[k], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static Stance Recommendation(string[] clause, int start, int length)
    {
        foreach (var phrase in RecommendBefore)
        {
            var first = start - phrase.Length;
            if (first >= 0 && At(clause, first, phrase))
            {
                var negated = Enumerable.Range(Math.Max(0, first - 3), first - Math.Max(0, first - 3)).Any(k => Negations.Contains(clause[k]));
                return negated ? Stance.Against : Stance.For;
            }
        }

        var negatedAfter = false;
        for (var k = start + length; k < clause.Length && k < start + length + 5; k++)
        {
            var word = clause[k];
            if (Negations.Contains(word) || word is "isnt" or "wont")
            {
                negatedAfter = true;
            }
            else if (Verdicts.Contains(word))
            {
                return negatedAfter ? Stance.Against : Stance.For;
            }
            else if (!Verbs.Contains(word))
            {
                break;
            }
        }

        return Stance.None;
    }

    /// <summary>A condition word outside the options' own names: "exactly-once" names an option, it is no "once ...".</summary>
    private static bool IsConditional(string[] clause, List<(string OptionId, int Start, int Length)> mentions) =>
        clause.Where((word, k) => !mentions.Any(m => k >= m.Start && k < m.Start + m.Length)).Any(Conditions.Contains);

    private static string[][] Phrases(params string[] phrases) => phrases.Select(p => p.Split(' ')).ToArray();

    private enum Stance
    {
        None,
        For,
        Against,
    }
}
