using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Core.Text;
using PickBot.Core.Verdicts;

namespace PickBot.Core.Answers;

/// <summary>
/// The whole deterministic pipeline: strip Slack markup, find the options named (exactly, then with typo tolerance),
/// find the comparison they make, judge the rest of the question against that comparison's rules, and build the answer.
/// Pure and thread-safe: it reads the knowledge base in service and keeps no state of its own. With knowledge per
/// workspace, that is the set of the workspace in <see cref="KnowledgeScope"/>. With a <see cref="SemanticLayer"/>,
/// meaning is the fallback where the words decide nothing (PickEngine.Meaning.cs).
/// </summary>
public sealed partial class PickEngine(KnowledgeStore store, SemanticLayer? meaning = null, WorkspaceKnowledge? workspaces = null)
{
    /// <summary>Longer questions are read up to this many characters: a comparison is named near the start.</summary>
    public const int MaxQuestionLength = 2000;

    private const int MaxFuzzyWords = 3;
    private const int MaxSuggestions = 5;

    public PickEngine(KnowledgeBase knowledge)
        : this(new KnowledgeStore(knowledge))
    {
    }

    public KnowledgeBase Knowledge => Current;

    private KnowledgeBase Current => (workspaces is { IsEmpty: false } ? workspaces.CurrentFor(KnowledgeScope.Workspace) : null) ?? store.Current;

    public Answer Ask(string? question)
    {
        var kb = Current;
        var text = Prepare(question);
        var plain = SlackText.ToPlain(text);
        var tokens = Tokenizer.Tokenize(plain);
        if (tokens.Count == 0 || (tokens.Count == 1 && tokens[0].Value is "help" or "hi" or "hello" or "hey"))
        {
            return Help(text);
        }

        var mentions = FindExact(kb, tokens);
        AddElliptical(kb, tokens, mentions);
        var effective = Effective(kb, tokens, plain, mentions);
        var found = ChooseComparison(kb, tokens, plain, effective);
        var corrections = new List<string>();
        if (found.Comparison < 0 && found.Tied.Count == 0)
        {
            AddFuzzy(kb, tokens, plain, mentions, corrections);
            effective = Effective(kb, tokens, plain, mentions);
            found = ChooseComparison(kb, tokens, plain, effective);
        }

        if (found.Comparison < 0)
        {
            return (found.Tied.Count == 0 ? PlaceByMeaning(kb, text, plain, tokens, effective, corrections) : null)
                ?? NoMatch(kb, text, tokens, effective, found.Tied, corrections);
        }

        // The names as read for choosing the comparison: "go" in "should we go with avro or protobuf" is a verb, and
        // neither counts as a name nor is left out.
        return Judge(kb, kb.Comparisons[found.Comparison], text, plain, tokens, effective, corrections);
    }

    /// <summary>
    /// Answers from a comparison chosen elsewhere (the LLM step's inference), judging the question's words against
    /// its rules as usual. Returns null when the id is not in the knowledge base: nothing is ever invented.
    /// </summary>
    public Answer? AskAbout(string comparisonId, string? question)
    {
        var kb = Current;
        var comparison = kb.FindComparison(comparisonId);
        if (comparison is null)
        {
            return null;
        }

        var text = Prepare(question);
        var plain = SlackText.ToPlain(text);
        var tokens = Tokenizer.Tokenize(plain);
        var mentions = FindExact(kb, tokens);
        return Judge(kb, comparison, text, plain, tokens, mentions, []) with { Inferred = true };
    }

    private static string Prepare(string? question)
    {
        var text = (question ?? string.Empty).Trim();
        return text.Length > MaxQuestionLength ? text[..MaxQuestionLength] : text;
    }

    private static List<Mention> FindExact(KnowledgeBase kb, List<Token> tokens)
    {
        var mentions = new List<Mention>();
        var aliases = kb.Aliases;
        Span<char> buffer = stackalloc char[256];
        var i = 0;
        while (i < tokens.Count)
        {
            var matched = 0;
            for (var length = Math.Min(aliases.MaxTokens, tokens.Count - i); length >= 1 && matched == 0; length--)
            {
                var keyLength = Concat(tokens, i, length, buffer);
                if (keyLength <= 0)
                {
                    continue;
                }

                var key = buffer[..keyLength];
                if (aliases.TryExact(key, out var entry)
                    || (keyLength > 3 && key[^1] == 's' && aliases.TryExact(key[..^1], out entry)))
                {
                    mentions.Add(new Mention(entry.OptionIndex, i, length, 0));
                    matched = length;
                }
            }

            i += Math.Max(matched, 1);
        }

        return mentions;
    }

    /// <summary>
    /// People share words between the two sides: "strong vs eventual consistency", "unit or e2e tests", "data lake or
    /// warehouse". Next to a separator, an unmatched word borrows the other side's head ("strong" + "consistency") or
    /// modifier ("data" + "warehouse") and is looked up again.
    /// </summary>
    private static void AddElliptical(KnowledgeBase kb, List<Token> tokens, List<Mention> mentions)
    {
        if (mentions.Count == 0)
        {
            return;
        }

        var covered = Covered(tokens.Count, mentions);
        Span<char> buffer = stackalloc char[256];
        for (var s = 1; s < tokens.Count - 1; s++)
        {
            if (!Words.Separators.Contains(tokens[s].Value))
            {
                continue;
            }

            // The other side's head or modifier, whichever side it stands on: "strong vs [eventual consistency]",
            // "[data lake] or warehouse", "[stream processing] or batch", "warehouse or [data lake]".
            if (StartingAt(mentions, s + 1) is { Count: > 1 } right && !covered[s - 1])
            {
                for (var n = 1; n < right.Count && !TryJoin(s - 1, (s - 1, 1), (right.First + right.Count - n, n), buffer) && !TryJoin(s - 1, (right.First, n), (s - 1, 1), buffer); n++)
                {
                }
            }

            if (EndingAt(mentions, s) is { Count: > 1 } left && !covered[s + 1])
            {
                for (var n = 1; n < left.Count && !TryJoin(s + 1, (left.First, n), (s + 1, 1), buffer) && !TryJoin(s + 1, (s + 1, 1), (left.First + left.Count - n, n), buffer); n++)
                {
                }
            }
        }

        mentions.Sort((a, b) => a.First.CompareTo(b.First));

        // Looks up two runs of words joined, and records the hit as a mention of the unmatched word.
        bool TryJoin(int word, (int First, int Count) head, (int First, int Count) tail, Span<char> key)
        {
            var length = Concat(tokens, head.First, head.Count, key);
            var more = length < 0 ? -1 : Concat(tokens, tail.First, tail.Count, key[length..]);
            if (more < 0 || covered[word] || !kb.Aliases.TryExact(key[..(length + more)], out var entry))
            {
                return false;
            }

            mentions.Add(new Mention(entry.OptionIndex, word, 1, 0));
            covered[word] = true;
            return true;
        }
    }

    // The first mention that starts, or ends, at a word; the default (no words) when there is none.
    private static Mention StartingAt(List<Mention> mentions, int word)
    {
        foreach (var m in mentions)
        {
            if (m.First == word)
            {
                return m;
            }
        }

        return default;
    }

    private static Mention EndingAt(List<Mention> mentions, int word)
    {
        foreach (var m in mentions)
        {
            if (m.First + m.Count == word)
            {
                return m;
            }
        }

        return default;
    }

    /// <summary>
    /// "Should we go with python or java": "go" is a verb here, not the language. A name that is also an everyday word
    /// counts when it stands beside another option with only separators between ("go or rust"), when it is written
    /// as a name ("switch from REST to GraphQL"), or when its counterpart is an everyday word too or a phrase of several
    /// words ("build our own ranking or buy?").
    /// </summary>
    private static List<Mention> Effective(KnowledgeBase kb, List<Token> tokens, string plain, List<Mention> mentions)
    {
        if (!AnyAmbiguous(tokens, mentions))
        {
            return mentions;
        }

        return Disambiguate(kb, tokens, plain, mentions);
    }

    private static bool AnyAmbiguous(List<Token> tokens, List<Mention> mentions)
    {
        foreach (var m in mentions)
        {
            if (IsAmbiguous(tokens, m))
            {
                return true;
            }
        }

        return false;
    }

    // Apart from Effective so that its closures are made only for a question that names an everyday word.
    private static List<Mention> Disambiguate(KnowledgeBase kb, List<Token> tokens, string plain, List<Mention> mentions)
    {
        return mentions.Where(m => !IsAmbiguous(tokens, m)
            || plain.AsSpan(tokens[m.First].Start, tokens[m.First].Length).ContainsAnyInRange('A', 'Z')
            || mentions.Any(o => o.First != m.First && o.OptionIndex != m.OptionIndex
                && (OnlySeparatorsBetween(tokens, m, o) || ((IsAmbiguous(tokens, o) || o.Count > 1) && ShareComparison(kb, m, o)))))
            .ToList();
    }

    private static bool IsAmbiguous(List<Token> tokens, Mention m) => m.Count == 1 && Words.Ambiguous.Contains(tokens[m.First].Value);

    private static bool ShareComparison(KnowledgeBase kb, Mention a, Mention b) =>
        kb.ComparisonsOf(a.OptionIndex).Intersect(kb.ComparisonsOf(b.OptionIndex)).Any();

    private static bool OnlySeparatorsBetween(List<Token> tokens, Mention a, Mention b)
    {
        var (first, second) = a.First < b.First ? (a, b) : (b, a);
        for (var k = first.First + first.Count; k < second.First; k++)
        {
            if (!Words.Separators.Contains(tokens[k].Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool[] Covered(int count, List<Mention> mentions)
    {
        var covered = new bool[count];
        foreach (var m in mentions)
        {
            for (var k = m.First; k < m.First + m.Count; k++)
            {
                covered[k] = true;
            }
        }

        return covered;
    }

    private static void AddFuzzy(KnowledgeBase kb, List<Token> tokens, string plain, List<Mention> mentions, List<string> corrections)
    {
        Span<char> buffer = stackalloc char[256];
        var covered = Covered(tokens.Count, mentions);
        var i = 0;
        while (i < tokens.Count)
        {
            var matched = 0;
            for (var length = Math.Min(Math.Min(kb.Aliases.MaxTokens, MaxFuzzyWords), tokens.Count - i); length >= 1 && matched == 0; length--)
            {
                if (!IsFuzzyCandidate(tokens, covered, mentions, i, length))
                {
                    continue;
                }

                var keyLength = Concat(tokens, i, length, buffer);
                ReadOnlySpan<char> key = keyLength >= 0 ? buffer[..keyLength] : string.Concat(tokens.Skip(i).Take(length).Select(t => t.Value));
                if (kb.Aliases.Fuzzy(key) is { } hit && !ProseWordNotName(kb, tokens[i].Value, length, hit.Alias.Key))
                {
                    // A longer name read with a typo replaces the shorter names found exactly inside it
                    // ("aws secret manger": AWS Secrets Manager, not AWS).
                    mentions.RemoveAll(m => m.First >= i && m.First + m.Count <= i + length);
                    mentions.Add(new Mention(hit.Alias.OptionIndex, i, length, hit.Distance));
                    corrections.Add($"{Surface(plain, tokens, i, i + length)} → {hit.Alias.Written}");
                    matched = length;
                }
            }

            i += Math.Max(matched, 1);
        }

        mentions.Sort((a, b) => a.First.CompareTo(b.First));
    }

    /// <summary>
    /// One word that the library's own prose spells this way is a word, not a misspelt name ("built" is not
    /// "Build", "server" is not "semver", "shared" is not "shard"), unless it only inflects the name
    /// ("denormalized" for "denormalize").
    /// </summary>
    private static bool ProseWordNotName(KnowledgeBase kb, string word, int length, string aliasKey) =>
        length == 1 && kb.ProseWords.Contains(word)
        && !word.StartsWith(aliasKey, StringComparison.Ordinal) && !aliasKey.StartsWith(word, StringComparison.Ordinal);

    private static bool IsFuzzyCandidate(List<Token> tokens, bool[] covered, List<Mention> mentions, int first, int length)
    {
        // Words already read exactly are open to a typo reading only as part of a longer name that holds them whole
        // and adds at least one word of its own.
        var uncovered = 0;
        for (var k = first; k < first + length; k++)
        {
            uncovered += covered[k] ? 0 : 1;
        }

        if (uncovered == 0)
        {
            return false;
        }

        if (uncovered < length)
        {
            foreach (var m in mentions)
            {
                var overlaps = m.First < first + length && m.First + m.Count > first;
                if (overlaps && (m.First < first || m.First + m.Count > first + length))
                {
                    return false;
                }
            }
        }

        return !Words.Stop.Contains(tokens[first].Value)
            && !Words.Stop.Contains(tokens[first + length - 1].Value)
            && !Words.ComparisonWords.Contains(tokens[first].Value)
            && !Words.ComparisonWords.Contains(tokens[first + length - 1].Value);
    }

    private static int Concat(List<Token> tokens, int first, int length, Span<char> buffer)
    {
        var written = 0;
        for (var k = first; k < first + length; k++)
        {
            var value = tokens[k].Value.AsSpan();
            if (written + value.Length > buffer.Length)
            {
                return -1;
            }

            value.CopyTo(buffer[written..]);
            written += value.Length;
        }

        return written;
    }

    /// <summary>
    /// The comparison that covers the most of the options named. Ties go to the entry whose names are joined by "vs" or
    /// "or" ("terraform vs pulumi, we're a python and go shop"), then to the entry with no option left unnamed, then to
    /// the one whose names stand closest together. Names joined only by "and", with no word asking for a choice, are
    /// not a question ("our redis and memcached dashboards are down").
    /// </summary>
    private static (int Comparison, IReadOnlyList<int> Tied) ChooseComparison(KnowledgeBase kb, List<Token> tokens, string plain, List<Mention> mentions)
    {
        if (mentions.Count < 2)
        {
            return (-1, []);
        }

        // Plain loops and lists in first-seen order: this runs for every question, and a question names few options.
        var counts = new List<(int Comparison, int Count)>();
        for (var m = 0; m < mentions.Count; m++)
        {
            if (NamedEarlier(mentions, m))
            {
                continue;
            }

            var comparisons = kb.ComparisonsOf(mentions[m].OptionIndex);
            for (var k = 0; k < comparisons.Count; k++)
            {
                var c = comparisons[k];
                var at = 0;
                while (at < counts.Count && counts[at].Comparison != c)
                {
                    at++;
                }

                if (at == counts.Count)
                {
                    counts.Add((c, 1));
                }
                else
                {
                    counts[at] = (c, counts[at].Count + 1);
                }
            }
        }

        var asksForChoice = plain.Contains('?', StringComparison.Ordinal) || AnyChoiceCue(tokens);
        var ranked = new List<Candidate>();
        var top = -1;
        foreach (var (c, covered) in counts)
        {
            if (covered < 2)
            {
                continue;
            }

            var candidate = new Candidate(c, covered, Joined(kb, c, plain, tokens, mentions), kb.Comparisons[c].Sides.Count - covered, Spread(kb, c, mentions));
            if (!asksForChoice && candidate.Joined != Joint.Adjacent)
            {
                continue;
            }

            ranked.Add(candidate);
            if (top < 0 || candidate.RankAgainst(ranked[top]) < 0)
            {
                top = ranked.Count - 1;
            }
        }

        if (top < 0)
        {
            return (-1, []);
        }

        // Equals to the best keep their first-seen order, as the stable sort this replaces left them.
        var tied = new List<int>();
        foreach (var candidate in ranked)
        {
            if (candidate.RankAgainst(ranked[top]) == 0)
            {
                tied.Add(candidate.Comparison);
            }
        }

        return tied.Count == 1 ? (tied[0], []) : (-1, tied);
    }

    private static bool AnyChoiceCue(List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            if (Words.ChoiceCues.Contains(token.Value))
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct Candidate(int Comparison, int Covered, Joint Joined, int Unnamed, int Spread)
    {
        /// <summary>Negative when this ranks first: most options covered, joined most closely, fewest unnamed, closest.</summary>
        public int RankAgainst(Candidate other) =>
            Covered != other.Covered ? other.Covered.CompareTo(Covered)
            : Joined != other.Joined ? other.Joined.CompareTo(Joined)
            : Unnamed != other.Unnamed ? Unnamed.CompareTo(other.Unnamed)
            : Spread.CompareTo(other.Spread);
    }

    private static bool NamedEarlier(List<Mention> mentions, int index)
    {
        for (var k = 0; k < index; k++)
        {
            if (mentions[k].OptionIndex == mentions[index].OptionIndex)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSide(IReadOnlyList<ComparisonSide> sides, string optionId)
    {
        for (var k = 0; k < sides.Count; k++)
        {
            if (string.Equals(sides[k].OptionId, optionId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private enum Joint
    {
        Apart,
        And,
        Separator,
        Adjacent,
    }

    /// <summary>How closely two of the comparison's names are joined: "kafka rabbitmq" or "kafka/rabbitmq", "kafka or rabbitmq", "kafka and rabbitmq".</summary>
    private static Joint Joined(KnowledgeBase kb, int comparison, string plain, List<Token> tokens, List<Mention> mentions)
    {
        var sides = kb.Comparisons[comparison].Sides;
        var own = new List<Mention>(mentions.Count);
        foreach (var m in mentions)
        {
            if (HasSide(sides, kb.Options[m.OptionIndex].Id))
            {
                // Insertion by position, after equals: the stable order by position the LINQ sort gave.
                var at = own.Count;
                while (at > 0 && own[at - 1].First > m.First)
                {
                    at--;
                }

                own.Insert(at, m);
            }
        }

        var best = Joint.Apart;
        for (var i = 1; i < own.Count; i++)
        {
            if (own[i].OptionIndex == own[i - 1].OptionIndex)
            {
                continue;
            }

            var from = own[i - 1].First + own[i - 1].Count;
            var to = Math.Min(tokens.Count, Math.Max(from, own[i].First));
            // Names in a comma-separated list ("go, java and python") are listed, not weighed against each other.
            var joint = from >= to ? (Listed(plain, tokens, from, own[i].First) ? Joint.And : Joint.Adjacent) : Between(tokens, from, to);
            best = (Joint)Math.Max((int)best, (int)joint);
        }

        return best;
    }

    private static bool Listed(string plain, List<Token> tokens, int next, int first)
    {
        if (next <= 0 || first >= tokens.Count)
        {
            return false;
        }

        var gap = plain.AsSpan(tokens[next - 1].Start + tokens[next - 1].Length, Math.Max(0, tokens[first].Start - tokens[next - 1].Start - tokens[next - 1].Length));
        return gap.IndexOfAny(',', ';') >= 0;
    }

    private static Joint Between(List<Token> tokens, int from, int to)
    {
        var onlySeparators = true;
        var withoutAnd = true;
        for (var k = from; k < to; k++)
        {
            var word = tokens[k].Value;
            if (!Words.Separators.Contains(word))
            {
                onlySeparators = false;
                withoutAnd = false;
                break;
            }

            withoutAnd &= word != "and";
        }

        return withoutAnd ? Joint.Separator : onlySeparators ? Joint.And : Joint.Apart;
    }

    private static int Spread(KnowledgeBase kb, int comparison, List<Mention> mentions)
    {
        var sides = kb.Comparisons[comparison].Sides;
        var first = int.MaxValue;
        var last = int.MinValue;
        foreach (var m in mentions)
        {
            if (HasSide(sides, kb.Options[m.OptionIndex].Id))
            {
                first = Math.Min(first, m.First);
                last = Math.Max(last, m.First);
            }
        }

        return last - first;
    }

    // embedded: the context as placing the question by meaning read it (text and vector), so that reading a rule
    // from the same words does not run the model again.
    private Answer Judge(KnowledgeBase kb, Comparison comparison, string text, string plain, List<Token> tokens, List<Mention> mentions, List<string> corrections, (string Text, float[] Vector)? embedded = null)
    {
        var excluded = new bool[tokens.Count];
        foreach (var m in mentions)
        {
            if (!HasSide(comparison.Sides, kb.Options[m.OptionIndex].Id))
            {
                continue;
            }

            for (var k = m.First; k < m.First + m.Count; k++)
            {
                excluded[k] = true;
            }
        }

        var context = new List<QuestionWord>(tokens.Count);
        for (var k = 0; k < tokens.Count; k++)
        {
            if (!excluded[k])
            {
                var value = tokens[k].Value;
                context.Add(new QuestionWord(Tokenizer.Stem(value), Number(tokens, k), k));
            }
        }

        var index = kb.IndexOf(comparison);
        var matches = index >= 0 ? kb.RulesOf(index).Evaluate(context) : new RuleSet(comparison).Evaluate(context);

        // "Angular or Vue?" in a React/Vue/Angular entry: the pick is one of the options the person named.
        var sides = comparison.Sides;
        var named = new List<string>(sides.Count);
        for (var k = 0; k < sides.Count; k++)
        {
            if (Mentioned(kb, mentions, sides[k].OptionId))
            {
                named.Add(sides[k].OptionId);
            }
        }

        var narrowed = named.Count >= 2 && named.Count < sides.Count && !UnnamedIsAVariant(kb, comparison, named);
        if (narrowed)
        {
            matches = PickingOneOf(matches, named);
        }

        string pickId;
        string justification;
        string ruleId;
        var tie = false;
        IReadOnlyList<string> decidedBy = [];
        IReadOnlyList<Understanding> understood = [];
        IReadOnlyList<SideSignals> bothSides = [];
        string? bothSidesNote = null;
        if (matches.Count == 0 && ReadRuleByMeaning(kb, comparison, plain, tokens, excluded, narrowed ? named : null, embedded) is { } read)
        {
            pickId = read.Read.Rule.Pick;
            ruleId = read.Read.Rule.Id;
            justification = read.Read.Rule.Because;
            decidedBy = [read.Words];
            understood = [new Understanding(read.Words, read.Read.Phrase, Math.Round(read.Read.Similarity, 3), UnderstoodBy.Meaning)];
            if (read.Other is { } other)
            {
                bothSides = [new SideSignals(Ref(kb, pickId), [read.Read.Phrase], SignalStrength.Stated), new SideSignals(Ref(kb, other.OptionId), [other.Closest.Phrase], SignalStrength.Stated)];
                bothSidesNote = $"Your words read as both “{read.Read.Phrase}” ({kb.OptionName(pickId)}) and “{other.Closest.Phrase}” ({kb.OptionName(other.OptionId)}). "
                    + $"{kb.OptionName(pickId)} decided: what you said is closer to its rules ({read.Score:0.00} against {other.Score:0.00}).";
            }
        }
        else if (matches.Count == 0)
        {
            (pickId, justification) = Default(kb, comparison, narrowed ? named : null);
            ruleId = Answer.DefaultRuleId;
        }
        else
        {
            var weighed = Weigh(kb, plain, tokens, matches);
            var top = weighed.Top;
            var rivals = weighed.Rivals;
            bothSides = weighed.Sides;
            bothSidesNote = weighed.Note;
            understood = Exact(plain, tokens, weighed.Rivals.Count > 0 ? [top, .. rivals] : [top]);
            if (rivals.Count > 0)
            {
                tie = true;
                (pickId, var because) = Default(kb, comparison, narrowed ? named : null);
                ruleId = Answer.DefaultRuleId;
                justification = BothWays(kb, plain, tokens, top, rivals, because);
                var words = new List<string>();
                AddMatchedWords(words, plain, tokens, top);
                foreach (var rival in rivals)
                {
                    AddMatchedWords(words, plain, tokens, rival);
                }

                decidedBy = words;
            }
            else
            {
                pickId = top.Rule.Pick;
                ruleId = top.Rule.Id;
                justification = top.Rule.Because;
                var words = new List<string>(top.Spans.Count);
                AddMatchedWords(words, plain, tokens, top);
                decidedBy = words;
            }
        }

        // Loops rather than LINQ below: this runs for every answer, and the iterators and closures were a good part
        // of what an answer allocated.
        var alternatives = new List<Alternative>(sides.Count - 1);
        for (var k = 0; k < sides.Count; k++)
        {
            var side = sides[k];
            if (side.OptionId != pickId)
            {
                alternatives.Add(new Alternative(Ref(kb, side.OptionId), side.UseWhen, Cues(comparison, side.OptionId)));
            }
        }

        var recognised = new List<OptionRef>(mentions.Count);
        foreach (var mention in mentions)
        {
            var option = kb.Options[mention.OptionIndex];
            if (!Contains(recognised, option.Id))
            {
                recognised.Add(new OptionRef(option.Id, option.Name));
            }
        }

        return new Answer
        {
            Kind = AnswerKind.Pick,
            Question = text,
            Entry = comparison,
            Pick = Ref(kb, pickId),
            Justification = justification,
            DecidedBy = decidedBy,
            RuleId = ruleId,
            Tie = tie,
            Alternatives = alternatives,
            Sources = comparison.Sources,
            Recognised = recognised,
            Corrections = corrections,
            Understood = understood,
            Sides = bothSides,
            BothSides = bothSidesNote,
        };
    }

    // The rule phrases matched, each with the words that matched it: what `ask --json` shows as "understood".
    private static List<Understanding> Exact(string plain, List<Token> tokens, IReadOnlyList<RuleMatch> decided)
    {
        var understood = new List<Understanding>();
        foreach (var match in decided)
        {
            for (var k = 0; k < match.Spans.Count; k++)
            {
                understood.Add(new Understanding(Surface(plain, tokens, match.Spans[k].First, match.Spans[k].End), match.Signals[k], 1, UnderstoodBy.Exact));
            }
        }

        return understood;
    }

    // Apart from Judge, as are the tie's words below: a lambda there made every answer allocate its closure.
    private static List<RuleMatch> PickingOneOf(IReadOnlyList<RuleMatch> matches, List<string> named) =>
        matches.Where(m => named.Contains(m.Rule.Pick)).ToList();

    private static string BothWays(KnowledgeBase kb, string plain, List<Token> tokens, RuleMatch top, List<RuleMatch> rivals, string because)
    {
        var sides = new[] { top }.Concat(rivals).Select(m => $"\"{string.Join("\", \"", m.Spans.Select(s => Surface(plain, tokens, s.First, s.End)))}\" points to {kb.OptionName(m.Rule.Pick)}");
        return $"Your question points both ways ({string.Join("; ", sides)}), so the default pick stands. {because}";
    }

    // The words a rule matched, as the person wrote them, each once, in order.
    private static void AddMatchedWords(List<string> words, string plain, List<Token> tokens, RuleMatch match)
    {
        for (var k = 0; k < match.Spans.Count; k++)
        {
            var span = match.Spans[k];
            var word = Surface(plain, tokens, span.First, span.End);
            if (!words.Contains(word))
            {
                words.Add(word);
            }
        }
    }

    private static bool Contains(List<OptionRef> options, string id)
    {
        foreach (var option in options)
        {
            if (option.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Mentioned(KnowledgeBase kb, List<Mention> mentions, string optionId)
    {
        foreach (var m in mentions)
        {
            if (kb.Options[m.OptionIndex].Id == optionId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first four signals of the rules that pick this option: what would have made it the pick.</summary>
    private static List<string> Cues(Comparison comparison, string optionId)
    {
        const int MaxCues = 4;
        var cues = new List<string>(MaxCues);
        var rules = comparison.Rules;
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            if (rule.Pick != optionId)
            {
                continue;
            }

            for (var k = 0; k < rule.WhenCount; k++)
            {
                cues.Add(rule.WhenAt(k));
                if (cues.Count == MaxCues)
                {
                    return cues;
                }
            }
        }

        return cues;
    }

    /// <summary>
    /// "Monolith or microservices?" in an entry that also has "modular monolith": the unnamed option is a variant of a
    /// named one, a middle way the question leaves open, so the whole entry still answers.
    /// </summary>
    private static bool UnnamedIsAVariant(KnowledgeBase kb, Comparison comparison, List<string> named)
    {
        var namedWords = named.SelectMany(id => Tokenizer.Tokenize(kb.OptionName(id))).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        return comparison.OptionIds.Where(id => !named.Contains(id))
            .Any(id => Tokenizer.Tokenize(kb.OptionName(id)).Any(t => namedWords.Contains(t.Value)));
    }

    /// <summary>
    /// The entry's default, or, when the person named only some of its options and the default is not among them, the
    /// first named option in the entry's own order, saying why.
    /// </summary>
    private static (string Pick, string Because) Default(KnowledgeBase kb, Comparison comparison, List<string>? named)
    {
        if (named is null || named.Contains(comparison.DefaultPick))
        {
            return (comparison.DefaultPick, comparison.DefaultBecause);
        }

        var pick = named[0];
        var others = string.Join(" and ", named.Select(kb.OptionName));
        var because = $"{kb.OptionName(comparison.DefaultPick)} is this entry's usual pick, but you asked about {others}. "
            + $"Between those, {kb.OptionName(pick)} fits the common case: {comparison.Side(pick)?.UseWhen}";
        return (pick, because);
    }

    /// <summary>A number with its magnitude word: "5 million" is 5,000,000, "3 thousand" is 3,000.</summary>
    private static double? Number(List<Token> tokens, int k)
    {
        if (!Words.TryNumber(tokens[k].Value, out var value))
        {
            return null;
        }

        if (k + 1 < tokens.Count && tokens[k + 1].Value is "thousand" or "million" or "billion" or "k" or "m" or "bn")
        {
            value *= tokens[k + 1].Value switch
            {
                "thousand" or "k" => 1_000,
                "million" or "m" => 1_000_000,
                _ => 1_000_000_000,
            };
        }

        return value;
    }

    private static Answer NoMatch(KnowledgeBase kb, string text, List<Token> tokens, List<Mention> mentions, IReadOnlyList<int> tied, List<string> corrections)
    {
        var recognised = mentions.Select(m => m.OptionIndex).Distinct().ToList();
        var names = recognised.Select(i => kb.Options[i].Name).ToList();
        var recognisedRefs = recognised.Select(i => new OptionRef(kb.Options[i].Id, kb.Options[i].Name)).ToList();
        if (tied.Count > 0)
        {
            return new Answer
            {
                Kind = AnswerKind.NoMatch,
                Question = text,
                Recognised = recognisedRefs,
                Corrections = corrections,
                Message = $"You named {JoinNames(names)}, and I compare them in more than one entry. Which did you mean?",
                Suggestions = tied.Select(c => SuggestionFor(kb, kb.Comparisons[c])).ToList(),
            };
        }

        if (recognised.Count > 0)
        {
            // Round-robin over the named options, so that with a big library every named option still gets its own
            // entries suggested instead of the first one's filling the list.
            var perOption = recognised.Select(kb.ComparisonsOf).ToList();
            var suggestions = Enumerable.Range(0, perOption.Count == 0 ? 0 : perOption.Max(l => l.Count))
                .SelectMany(rank => perOption.Where(l => rank < l.Count).Select(l => l[rank]))
                .Distinct()
                .Select(c => SuggestionFor(kb, kb.Comparisons[c]))
                .Take(MaxSuggestions)
                .ToList();
            var message = recognised.Count == 1
                ? $"I know {names[0]}, but not what you want to compare it with."
                : $"I know {JoinNames(names)}, but I have no comparison of them together yet.";
            message += suggestions.Count > 0
                ? $" {(recognised.Count == 1 ? names[0] : "They")} can be compared in:"
                : " I have nothing to compare them with yet.";
            return new Answer
            {
                Kind = AnswerKind.NoMatch,
                Question = text,
                Recognised = recognisedRefs,
                Corrections = corrections,
                Message = message,
                Suggestions = suggestions,
            };
        }

        var looksLikeComparison = tokens.Any(t => Words.ComparisonWords.Contains(t.Value) && t.Value is not "and" and not "use");
        var guesses = GuessOptions(kb, tokens);
        if (!looksLikeComparison && guesses.Count == 0)
        {
            return Help(text);
        }

        return new Answer
        {
            Kind = AnswerKind.NoMatch,
            Question = text,
            Message = guesses.Count > 0
                ? "I could not tell which options you mean. Did you mean one of these?"
                : "I don't know the options in that question yet. Try `list` to see what I can compare.",
            Suggestions = guesses,
        };
    }

    /// <summary>Looser typo matching, only for "did you mean": never used to answer.</summary>
    private static List<Suggestion> GuessOptions(KnowledgeBase kb, List<Token> tokens)
    {
        var options = new List<int>();
        for (var i = 0; i < tokens.Count && options.Count < MaxSuggestions; i++)
        {
            for (var length = 2; length >= 1; length--)
            {
                if (i + length > tokens.Count || Words.Stop.Contains(tokens[i].Value) || Words.Stop.Contains(tokens[i + length - 1].Value))
                {
                    continue;
                }

                var key = string.Concat(tokens.Skip(i).Take(length).Select(t => t.Value));
                if (key.Length >= 4 && kb.Aliases.Fuzzy(key.Length < 5 ? key + " " : key, extraTolerance: 1) is { } hit && !options.Contains(hit.Alias.OptionIndex))
                {
                    options.Add(hit.Alias.OptionIndex);
                    break;
                }
            }
        }

        return options.SelectMany(kb.ComparisonsOf)
            .Distinct()
            .OrderByDescending(c => kb.Comparisons[c].OptionIds.Count(id => options.Contains(kb.OptionIndex(id))))
            .Select(c => SuggestionFor(kb, kb.Comparisons[c]))
            .Take(MaxSuggestions)
            .ToList();
    }

    private static Suggestion SuggestionFor(KnowledgeBase kb, Comparison comparison) => new(
        comparison.Title,
        string.Join(" vs ", comparison.OptionIds.Select(kb.OptionName)),
        comparison.Id);

    private static Answer Help(string text) => new()
    {
        Kind = AnswerKind.Help,
        Question = text,
        Message = "Ask me to pick between options, with your context: \"kafka vs rabbitmq to replay order events\", "
            + "\"mtl or stl for a spam filter?\", \"should we use postgres or mongodb, 3 person team\". "
            + "\"list\" shows every comparison I know.",
    };

    private static OptionRef Ref(KnowledgeBase kb, string id) => new(id, kb.OptionName(id));

    private static string JoinNames(List<string> names) => names.Count switch
    {
        0 => string.Empty,
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    private static string Surface(string plain, List<Token> tokens, int first, int end)
    {
        var start = tokens[first].Start;
        return plain[start..tokens[end - 1].End];
    }

    private readonly record struct Mention(int OptionIndex, int First, int Count, int Distance);
}
