using PickBot.Core.Answers;
using PickBot.Core.Text;

namespace PickBot.Core.Conversations;

/// <summary>
/// Answers a question asked inside a conversation, from the conversation. The comparison is the one the question
/// names, else the latest message's that names one (PickBot's own earlier answers count here, and only here), else the
/// one remembered. The context is every person's message, oldest first, then the question: each is judged against that
/// comparison's rules on its own words, and where two disagree, the later one wins; earlier words that agree with it
/// are quoted beside it, with who wrote them. Pure: it reads the engine and keeps nothing.
/// </summary>
/// <remarks>
/// Judging message by message, rather than the conversation as one text, is what lets the latest word win: in one text,
/// "we must replay events" early on and "actually we're three people" later would tie, and a tie falls back to the
/// entry's default, which neither person said.
/// </remarks>
public sealed class ThreadAnswerer(PickEngine engine)
{
    /// <summary>The longest conversation judged, in messages; a transport reads fewer (Slack:ThreadContextMessages).</summary>
    public const int MaxMessages = 500;

    public PickEngine Engine => engine;

    /// <param name="question">The message that called PickBot, with its author.</param>
    /// <param name="thread">The conversation before it, oldest first (the question itself excluded).</param>
    /// <param name="rememberedEntryId">The comparison PickBot answered here before, if it remembers one.</param>
    public ThreadAnswer Ask(ThreadMessage question, IReadOnlyList<ThreadMessage> thread, string? rememberedEntryId = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(thread);
        var own = engine.Ask(question.Text);
        var start = Math.Max(0, thread.Count - MaxMessages);
        var (entryId, source) = own.Kind == AnswerKind.Pick && !IsWhyNot(question.Text)
            ? (own.Entry!.Id, ComparisonSource.Question)
            : FindComparison(thread, start, rememberedEntryId);
        if (own.Kind == AnswerKind.Pick && entryId is null)
        {
            (entryId, source) = (own.Entry!.Id, ComparisonSource.Question);
        }

        if (entryId is null || !FitsTheConversation(own, entryId))
        {
            return new ThreadAnswer(own, ComparisonSource.None, [], null);
        }

        var decisions = new List<(Answer Answer, string? Author)>();
        for (var i = start; i <= thread.Count; i++)
        {
            var message = i < thread.Count ? thread[i] : question;
            if (message.FromPickBot)
            {
                continue;
            }

            var judged = engine.AskAbout(entryId, message.Text);
            if (judged is null)
            {
                // The entry went away with a reload meanwhile: answer the question alone rather than guess.
                return new ThreadAnswer(own, ComparisonSource.None, [], null);
            }

            if (!judged.IsDefault)
            {
                decisions.Add((judged, message.Author));
            }
        }

        var answer = decisions.Count == 0 ? engine.AskAbout(entryId, question.Text)! : Decide(decisions);
        answer = answer with { Question = question.Text, Inferred = false };
        var overruled = new List<Overruled>();
        foreach (var (judged, author) in decisions)
        {
            if (judged.Pick!.Id != answer.Pick!.Id)
            {
                foreach (var words in judged.DecidedBy)
                {
                    overruled.Add(new Overruled(judged.Pick, new Attribution(words, author)));
                }
            }
        }

        return new ThreadAnswer(answer, source, overruled, WhyNotFor(own, question.Text, answer));
    }

    /// <summary>The latest message that names a comparison; PickBot's own answers tell it too, by the entry they kept.</summary>
    private (string? EntryId, ComparisonSource Source) FindComparison(IReadOnlyList<ThreadMessage> thread, int start, string? remembered)
    {
        for (var i = thread.Count - 1; i >= start; i--)
        {
            var message = thread[i];
            if (message.FromPickBot && message.EntryId is { } kept && engine.Knowledge.FindComparison(kept) is not null)
            {
                return (kept, ComparisonSource.EarlierAnswer);
            }

            if (engine.Ask(message.Text) is { Kind: AnswerKind.Pick } named)
            {
                return (named.Entry!.Id, message.FromPickBot ? ComparisonSource.EarlierAnswer : ComparisonSource.Thread);
            }
        }

        return remembered is not null && engine.Knowledge.FindComparison(remembered) is not null
            ? (remembered, ComparisonSource.Memory)
            : (null, ComparisonSource.None);
    }

    /// <summary>
    /// A question that names options of another comparison, or options PickBot cannot place ("postgres vs mongo" with a
    /// typo), is answered on its own: the conversation's comparison would be a neighbouring entry's answer.
    /// </summary>
    private bool FitsTheConversation(Answer own, string entryId)
    {
        switch (own.Kind)
        {
            case AnswerKind.Help:
                return true;
            case AnswerKind.Pick:
                return true;
            default:
                var entry = engine.Knowledge.FindComparison(entryId)!;
                if (own.Recognised.Count == 0)
                {
                    return false;
                }

                foreach (var option in own.Recognised)
                {
                    if (entry.Side(option.Id) is null)
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    /// <summary>The latest decision wins; earlier ones for the same pick add their words, each once, oldest first.</summary>
    private static Answer Decide(List<(Answer Answer, string? Author)> decisions)
    {
        var winner = decisions[^1].Answer;
        var words = new List<string>();
        var attributions = new List<Attribution>();
        foreach (var (judged, author) in decisions)
        {
            if (judged.Pick!.Id != winner.Pick!.Id)
            {
                continue;
            }

            foreach (var word in judged.DecidedBy)
            {
                var at = words.FindIndex(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    // Said again later: the later speaker is the one quoted.
                    words.RemoveAt(at);
                    attributions.RemoveAt(at);
                }

                words.Add(word);
                attributions.Add(new Attribution(word, author));
            }
        }

        return winner with { DecidedBy = words, Attributions = attributions };
    }

    private static WhyNot? WhyNotFor(Answer own, string question, Answer answer)
    {
        if (!IsWhyNot(question) || answer.Entry is not { } entry)
        {
            return null;
        }

        OptionRef? asked = null;
        foreach (var option in own.Recognised)
        {
            if (entry.Side(option.Id) is not null)
            {
                asked = option;
                break;
            }
        }

        if (asked is null)
        {
            return null;
        }

        if (asked.Id == answer.Pick!.Id)
        {
            return new WhyNot(asked, true, entry.Side(asked.Id)!.UseWhen, [], answer.Attributions);
        }

        var alternative = answer.Alternatives.First(a => a.Option.Id == asked.Id);
        var pointedAway = answer.Attributions.Count > 0
            ? answer.Attributions
            : answer.DecidedBy.Select(w => new Attribution(w, null)).ToList();
        return new WhyNot(asked, false, alternative.When, alternative.Cues, pointedAway);
    }

    /// <summary>"why not kafka?", "why don't we use kafka", "why wouldn't kafka work": a why, then a negation close by.</summary>
    internal static bool IsWhyNot(string question)
    {
        var tokens = Tokenizer.Tokenize(SlackText.ToPlain(question));
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Value != "why")
            {
                continue;
            }

            for (var k = i + 1; k < Math.Min(tokens.Count, i + 4); k++)
            {
                if (Words.Negations.Contains(tokens[k].Value) || tokens[k].Value is "wouldnt" or "shouldnt" or "couldnt")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
