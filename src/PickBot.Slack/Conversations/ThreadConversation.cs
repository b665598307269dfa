using Microsoft.Extensions.Logging;
using PickBot.Core.Answers;
using PickBot.Core.Conversations;
using PickBot.Slack.Events;
using PickBot.Slack.Installations;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Conversations;

/// <summary>
/// A question asked in a Slack thread, answered from the thread: reads it (<see cref="ThreadReader"/>), recalls what
/// PickBot remembers of it, lets <see cref="ThreadAnswerer"/> answer, and names the people whose words decided. When
/// the thread cannot be read, the remembered phrases stand in for it. The thread's text is used for this answer only:
/// nothing of it is kept beyond the phrases the answer stood on, and it is logged at Debug level at most.
/// </summary>
public sealed class ThreadConversation(
    ThreadReader reader,
    UserNames names,
    ThreadAnswerer answerer,
    IThreadMemoryStore memory,
    BotIdentity bot,
    TimeProvider time,
    ILogger<ThreadConversation> logger)
{
    public static string Key(string channel, string threadTs) => channel + ":" + threadTs;

    /// <summary>
    /// The answer, or null for a follow-up without a mention that is not PickBot's to answer: a thread PickBot never
    /// answered in, someone else spoke since its answer, or the reply asks nothing PickBot can answer.
    /// </summary>
    /// <param name="question">The mention's text without PickBot's own mention.</param>
    public async Task<ThreadConversationAnswer?> AnswerAsync(MentionWork work, string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var threadTs = work.ThreadTs ?? work.Ts;
        var followUp = work.Origin == MentionWork.FollowUp;
        var remembered = await RecallAsync(work.Channel, threadTs, cancellationToken);
        if (followUp && remembered is null)
        {
            logger.LogDebug("Thread reply {Ts} in {Channel} ignored: PickBot has not answered in that thread", work.Ts, work.Channel);
            return null;
        }

        var read = await reader.ReadAsync(work.Channel, threadTs, work.Ts, cancellationToken);
        var thread = new List<ThreadMessage>(read.Messages.Count);
        if (read.Ok)
        {
            foreach (var reply in read.Messages)
            {
                if (ToMessage(reply) is { } message)
                {
                    thread.Add(message);
                }
            }

            if (followUp && SomeoneElseSpokeSince(read.Messages, remembered!, work))
            {
                logger.LogDebug("Thread reply {Ts} in {Channel} ignored: people are talking to each other", work.Ts, work.Channel);
                return null;
            }
        }
        else if (remembered is not null)
        {
            foreach (var phrase in remembered.Phrases)
            {
                thread.Add(new ThreadMessage(phrase.Words, phrase.Author));
            }
        }

        var answer = answerer.Ask(new ThreadMessage(question, work.User), thread, remembered?.EntryId);
        logger.LogDebug("Thread {ThreadTs} in {Channel}: {Messages} messages read, comparison from {Source}", threadTs, work.Channel, thread.Count, answer.Source);
        if (followUp && answer.Answer.Kind != AnswerKind.Pick)
        {
            return null;
        }

        return new ThreadConversationAnswer(await NamedAsync(answer, cancellationToken), answer.Answer);
    }

    /// <summary>Keeps the comparison and the phrases in use of a pick PickBot posted in the thread at <paramref name="threadTs"/>.</summary>
    /// <param name="answer">The answer with user ids as authors (not display names: names change, ids do not).</param>
    public async Task RememberAsync(string channel, string threadTs, Answer answer, string? answerTs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        reader.Forget(channel, threadTs);
        if (answer.Kind != AnswerKind.Pick)
        {
            return;
        }

        try
        {
            await memory.SaveAsync(ThreadMemory.Of(Key(channel, threadTs), answer, answerTs, time.GetUtcNow()), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Thread memory for {Channel} {ThreadTs} not saved; a follow-up there reads the thread again", channel, threadTs);
        }
    }

    private async Task<ThreadMemory?> RecallAsync(string channel, string threadTs, CancellationToken cancellationToken)
    {
        try
        {
            return await memory.GetAsync(Key(channel, threadTs), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Thread memory for {Channel} {ThreadTs} could not be read; answering from the thread alone", channel, threadTs);
            return null;
        }
    }

    private ThreadMessage? ToMessage(ThreadReply reply)
    {
        if (IsPickBot(reply))
        {
            return new ThreadMessage(reply.Text, null, FromPickBot: true, EntryId: reply.EntryId);
        }

        // Other bots are neither the question nor its context; nor are joins, topic changes and the like.
        if (reply.BotId is not null || reply.User is null || reply.Subtype is not (null or "thread_broadcast"))
        {
            return null;
        }

        return new ThreadMessage(MentionText.StripBotMention(reply.Text, bot.UserIdFor(SlackTeamScope.Current)), reply.User);
    }

    private bool IsPickBot(ThreadReply reply) =>
        reply.EntryId is not null || (bot.UserIdFor(SlackTeamScope.Current) is { } id && reply.User == id);

    /// <summary>A person other than the asker wrote after PickBot's last answer: the reply is probably to them.</summary>
    private bool SomeoneElseSpokeSince(IReadOnlyList<ThreadReply> messages, ThreadMemory remembered, MentionWork work)
    {
        var since = remembered.LastAnswerTs;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            var m = messages[i];
            if (IsPickBot(m))
            {
                since = m.Ts;
                break;
            }
        }

        foreach (var m in messages)
        {
            if (since is not null && ThreadReader.Compare(m.Ts, since) > 0 && !IsPickBot(m) && m.BotId is null && m.User is not null && m.User != work.User)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The answer with people's names for their user ids.</summary>
    private async Task<ThreadAnswer> NamedAsync(ThreadAnswer answer, CancellationToken cancellationToken)
    {
        var ids = answer.Answer.Attributions.Select(a => a.Author)
            .Concat(answer.Overruled.Select(o => o.Words.Author))
            .Concat(answer.WhyNot?.PointedAway.Select(a => a.Author) ?? [])
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (ids.Count == 0)
        {
            return answer;
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            named[id] = await names.NameAsync(id, cancellationToken);
        }

        Attribution Name(Attribution a) => a.Author is { } id && named.TryGetValue(id, out var name) ? a with { Author = name } : a;
        return answer with
        {
            Answer = answer.Answer with { Attributions = answer.Answer.Attributions.Select(Name).ToList() },
            Overruled = answer.Overruled.Select(o => o with { Words = Name(o.Words) }).ToList(),
            WhyNot = answer.WhyNot is { } whyNot ? whyNot with { PointedAway = whyNot.PointedAway.Select(Name).ToList() } : null,
        };
    }
}

/// <summary>A thread's answer for the person (<see cref="Answer"/>, with names) and for memory (<see cref="Remembered"/>, with user ids).</summary>
public sealed record ThreadConversationAnswer(ThreadAnswer Answer, Answer Remembered);
