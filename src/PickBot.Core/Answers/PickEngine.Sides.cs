using System.Collections.Frozen;
using PickBot.Core.Knowledge;
using PickBot.Core.Text;
using PickBot.Core.Verdicts;

namespace PickBot.Core.Answers;

/// <summary>
/// Both sides (issue 14 item 5): when the question holds signals for more than one option, the answer names every
/// side and says which decided and why. The rule is general, from how people state constraints, not from any entry:
/// a signal stated as a requirement ("we must have", "need", "can't", "X is essential") outweighs one merely
/// mentioned, which outweighs a hedged one ("maybe some day", "might need"); between equals, the clause the sentence
/// leans on carries the weight: what follows "but" or is said to be "mostly" so, over what follows a concession
/// ("though", "although"); then more matched words win; a full tie keeps the default pick. No signal is dropped silently.
/// </summary>
public sealed partial class PickEngine
{
    private static readonly FrozenSet<string> RequirementBefore = new[]
    {
        "need", "needs", "needed", "must", "require", "requires", "required", "requirement", "requirements", "mandatory",
        "essential", "critical", "crucial", "insist", "insists", "cant", "cannot", "gotta", "nonnegotiable",
        "non-negotiable", "vital", "guarantee", "guaranteed",
    }.ToFrozenSet(StringComparer.Ordinal);

    // "low latency is a must", "joins are essential": a requirement stated after the signal, in its clause.
    private static readonly FrozenSet<string> RequirementAfter = new[]
    {
        "must", "essential", "critical", "crucial", "required", "mandatory", "nonnegotiable", "non-negotiable", "vital",
        "requirement", "dealbreaker",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Hedges = new[]
    {
        "maybe", "perhaps", "might", "may", "someday", "eventually", "ideally", "possibly", "hopefully", "later",
        "nice",
    }.ToFrozenSet(StringComparer.Ordinal);

    // "A, but B": B is the point. "A, though B": B is conceded, A stands. Both open a new clause.
    private static readonly FrozenSet<string> Contrasts = new[] { "but", "however", "yet" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Concessions = new[] { "though", "although", "whereas" }.ToFrozenSet(StringComparer.Ordinal);

    // "mostly api data": the bulk of the work, which a side note does not outweigh.
    private static readonly FrozenSet<string> Bulk = new[] { "mostly", "mainly", "primarily", "largely", "chiefly" }.ToFrozenSet(StringComparer.Ordinal);

    /// <param name="Emphasis">+1 after "but" or under "mostly", -1 after "though", 0 otherwise.</param>
    /// <param name="Contrast">The word that gave the emphasis.</param>
    private readonly record struct Weight(SignalStrength Strength, int Emphasis, int Score, string? Cue, string? Contrast) : IComparable<Weight>
    {
        public int CompareTo(Weight other) =>
            Strength != other.Strength ? Strength.CompareTo(other.Strength)
            : Emphasis != other.Emphasis ? Emphasis.CompareTo(other.Emphasis)
            : Score.CompareTo(other.Score);
    }

    private static readonly System.Buffers.SearchValues<char> ClausePunctuation = System.Buffers.SearchValues.Create(",;.!?:()");

    private sealed record Weighing(RuleMatch Top, List<RuleMatch> Rivals, IReadOnlyList<SideSignals> Sides, string? Note);

    /// <summary>The deciding match, the matches as strong for other options (a tie), and every side named.</summary>
    private static Weighing Weigh(KnowledgeBase kb, string plain, List<Token> tokens, IReadOnlyList<RuleMatch> matches)
    {
        var top = matches[0];
        var oneSide = true;
        for (var k = 1; k < matches.Count && oneSide; k++)
        {
            oneSide = matches[k].Rule.Pick == top.Rule.Pick;
        }

        if (oneSide)
        {
            return new Weighing(top, [], [], null);
        }

        // Each option's strongest match, strongest option first; ties keep the rules' order (the list is by score).
        var sides = new List<(string Pick, RuleMatch Best, Weight Weight, List<string> Words)>();
        foreach (var match in matches)
        {
            var weight = WeightOf(plain, tokens, match);
            var at = sides.FindIndex(s => s.Pick == match.Rule.Pick);
            if (at < 0)
            {
                sides.Add((match.Rule.Pick, match, weight, []));
                at = sides.Count - 1;
            }
            else if (weight.CompareTo(sides[at].Weight) > 0)
            {
                sides[at] = (match.Rule.Pick, match, weight, sides[at].Words);
            }

            AddMatchedWords(sides[at].Words, plain, tokens, match);
        }

        sides.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        var first = sides[0];
        var second = sides[1];
        var named = sides.Select(s => new SideSignals(Ref(kb, s.Pick), s.Words, s.Weight.Strength)).ToList();
        var pointing = string.Join("; ", sides.Select(s => $"{Quoted(s.Words)} points to {kb.OptionName(s.Pick)}"));
        if (first.Weight.CompareTo(second.Weight) == 0)
        {
            var rivals = sides.Skip(1).Where(s => s.Weight.CompareTo(first.Weight) == 0).Select(s => s.Best).ToList();
            return new Weighing(first.Best, rivals, named, $"{pointing}, equally firmly, so the default pick stands.");
        }

        var winner = kb.OptionName(first.Pick);

        // The reason quotes the words of the deciding match: the others of its side may stand elsewhere in the question.
        var deciding = new List<string>();
        AddMatchedWords(deciding, plain, tokens, first.Best);
        var why = first.Weight.Strength != second.Weight.Strength
            ? first.Weight.Strength == SignalStrength.Required
                ? $"you stated {Quoted(deciding)} as a requirement (“{first.Weight.Cue}”), and a requirement outweighs a mention"
                : $"{Quoted(second.Words)} was only hedged (“{second.Weight.Cue}”)"
            : first.Weight.Emphasis != second.Weight.Emphasis
                ? second.Weight.Emphasis < 0 && first.Weight.Emphasis == 0
                    ? $"{Quoted(second.Words)} came after “{second.Weight.Contrast}”, as a concession"
                    : Bulk.Contains(first.Weight.Contrast ?? string.Empty)
                        ? $"you said {Quoted(deciding)} is “{first.Weight.Contrast}” what it is about"
                        : $"{Quoted(deciding)} came after “{first.Weight.Contrast}”, where your question puts its weight"
                : $"it matched more of your words ({first.Weight.Score} against {second.Weight.Score})";
        return new Weighing(first.Best, [], named, $"{pointing}. {winner} decided: {why}.");
    }

    private static string Quoted(List<string> words) => string.Join(", ", words.Select(w => $"“{w}”"));

    /// <summary>How firmly the clause around a match states it, from the words of that clause alone.</summary>
    private static Weight WeightOf(string plain, List<Token> tokens, RuleMatch match)
    {
        var anyRequired = false;
        var allHedged = true;
        var emphasis = 0;
        string? requiredCue = null;
        string? hedgeCue = null;
        string? contrast = null;
        foreach (var span in match.Spans)
        {
            // Back to the start of the clause: a comma, semicolon or full stop, or a word such as "but" opening it.
            string? required = null;
            string? hedge = null;
            for (var k = span.First - 1; k >= 0; k--)
            {
                var word = tokens[k].Value;
                if (required is null && (RequirementBefore.Contains(word) || (word is "have" or "has" or "got" && k + 1 < tokens.Count && tokens[k + 1].Value == "to")))
                {
                    required = word is "have" or "has" or "got" ? $"{word} to" : word;
                }

                hedge ??= Hedges.Contains(word) ? word : null;
                if (Bulk.Contains(word) && emphasis == 0)
                {
                    contrast ??= word;
                    emphasis = 1;
                }

                if (Contrasts.Contains(word) || Concessions.Contains(word))
                {
                    contrast = word;
                    emphasis = Contrasts.Contains(word) ? 1 : -1;
                    break;
                }

                if (k > 0 && ClauseBreak(plain, tokens, k))
                {
                    break;
                }
            }

            for (var k = span.End; k < tokens.Count; k++)
            {
                if (ClauseBreak(plain, tokens, k) || Contrasts.Contains(tokens[k].Value) || Concessions.Contains(tokens[k].Value))
                {
                    break;
                }

                required ??= RequirementAfter.Contains(tokens[k].Value) ? tokens[k].Value : null;
                hedge ??= Hedges.Contains(tokens[k].Value) ? tokens[k].Value : null;
            }

            // "we might need", "must have it eventually": a hedge in the clause makes even a requirement tentative.
            required = hedge is null ? required : null;
            anyRequired |= required is not null;
            requiredCue ??= required;
            allHedged &= required is null && hedge is not null;
            hedgeCue ??= hedge;
        }

        var strength = anyRequired ? SignalStrength.Required : allHedged ? SignalStrength.Hedged : SignalStrength.Stated;
        return new Weight(strength, emphasis, match.Score, anyRequired ? requiredCue : allHedged ? hedgeCue : null, contrast);
    }

    // A clause starts at token k when punctuation stands between it and the word before.
    private static bool ClauseBreak(string plain, List<Token> tokens, int k) =>
        plain.AsSpan(tokens[k - 1].End, tokens[k].Start - tokens[k - 1].End).IndexOfAny(ClausePunctuation) >= 0;
}
