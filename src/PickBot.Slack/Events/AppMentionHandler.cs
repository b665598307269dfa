using Microsoft.Extensions.Logging;
using PickBot.Core.Answers;
using PickBot.Core.Conversations;
using PickBot.Core.Rephrasing;
using PickBot.Slack.Blocks;
using PickBot.Slack.Commands;
using PickBot.Slack.Conversations;
using PickBot.Slack.Feedback;
using PickBot.Slack.Formatting;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Events;

/// <summary>
/// Answers a mention or a direct message after it was acknowledged: the question without the bot's mention, the
/// engine's answer as Block Kit, posted with chat.postMessage in the thread. With the LLM step on, the reply waits at
/// most <see cref="ConversationalAnswerer.WaitBudget"/> for its wording, then posts what it has. Catches everything
/// (there is no HTTP response left to fail), and a reply that could not be delivered is logged with what finds it again.
/// </summary>
public sealed class AppMentionHandler(
    ConversationalAnswerer answerer,
    ISlackApiClient slack,
    BotIdentity bot,
    UnansweredRecorder unanswered,
    ThreadConversation threads,
    ILogger<AppMentionHandler> logger)
{
    /// <returns>Slack's answer to the post; ok without a post when an earlier attempt turns out to have been delivered.</returns>
    public async Task<SlackApiResult> HandleAsync(MentionWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);

        // Tried before (then a crash, or a post that timed out): Slack may have it already, marked with the event id.
        if (work.Attempts > 0 && await slack.IsAnsweredAsync(work.Channel, work.ThreadTs, work.Ts, work.EventId, cancellationToken) == true)
        {
            logger.LogInformation("{Origin} event {EventId} was already answered before the restart or timeout; not answered again", work.Origin, work.EventId);
            return new SlackApiResult(true);
        }

        Reply reply;
        try
        {
            reply = await AnswerAsync(work, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Answering {Origin} event {EventId} in channel {Channel} (ts {Ts}) failed", work.Origin, work.EventId, work.Channel, work.Ts);
            reply = new Reply(MessageContent.PlainText("Sorry, something went wrong while answering that. Please try again in a moment."), null);
        }

        if (reply.Content is not { } content)
        {
            // Nothing to post (a reply in a thread that was not meant for PickBot): handled, nothing to deliver again.
            return new SlackApiResult(true);
        }

        var pick = reply.Remembered is { Kind: AnswerKind.Pick } answered ? answered : null;
        var message = new ChatPostMessage(work.Channel, content.Text, content.Blocks.Count > 0 ? content.Blocks : null, work.ThreadTs)
        {
            Metadata = MessageMetadata.Answer(work.EventId, pick?.Entry!.Id, pick?.Pick!.Id),
        };
        var result = await slack.PostMessageAsync(message, cancellationToken);
        if (!result.Ok)
        {
            logger.LogError(
                "Reply NOT delivered ({Error}) for {Origin} event {EventId}: channel {Channel}, thread {ThreadTs}, message ts {Ts}, user {User}",
                result.Error, work.Origin, work.EventId, work.Channel, work.ThreadTs, work.Ts, work.User);
        }
        else if (pick is not null && work.ThreadTs is not null)
        {
            await threads.RememberAsync(work.Channel, work.ThreadTs, pick, result.Ts, cancellationToken);
        }

        return result;
    }

    private async Task<Reply> AnswerAsync(MentionWork work, CancellationToken cancellationToken)
    {
        // In a channel people address the bot by name; in a direct message they just type.
        var prefix = work.Origin == "message" ? string.Empty : "@PickBot";
        var text = MentionText.StripBotMention(work.Text, bot.UserIdFor(work.Team));
        var request = PickRequest.Parse(text);
        var inThread = work.InThread || work.Origin == MentionWork.FollowUp;
        switch (request.Kind)
        {
            // "@PickBot" alone in a thread asks about the thread; "@PickBot help" still asks for help.
            case PickRequestKind.Help when !inThread || text.Trim().Length > 0:
                return new Reply(HelpBlocks.Render(prefix), null);
            case PickRequestKind.List:
                return new Reply(CatalogBlocks.Render(answerer.Engine.Knowledge, request.Text, prefix), null);
        }

        ThreadAnswer? conversation = null;
        Answer first;
        Answer remembered;
        if (inThread)
        {
            if (await threads.AnswerAsync(work, request.Text, cancellationToken) is not { } read)
            {
                return new Reply(null, null);
            }

            conversation = read.Answer;
            first = read.Answer.Answer;
            remembered = read.Remembered;
        }
        else
        {
            first = remembered = answerer.Ask(request.Text);
        }

        if (first.Kind == AnswerKind.NoMatch)
        {
            _ = unanswered.RecordInBackground(request.Text, work.User, work.Channel, work.Origin);
        }

        var (answer, rephrased) = await ImproveWithinBudgetAsync(first, cancellationToken);
        if (answer.Kind == AnswerKind.Help)
        {
            return new Reply(HelpBlocks.Render(prefix), null);
        }

        // An answer the LLM step placed differently is not the conversation's any more: it is shown, and remembered, as is.
        if (conversation is not null && ReferenceEquals(answer.Entry, first.Entry) && answer.Pick == first.Pick)
        {
            return new Reply(ThreadAnswerBlocks.Render(conversation with { Answer = answer }, prefix, rephrased), remembered);
        }

        return new Reply(AnswerBlocks.Render(answer, prefix, rephrased), ReferenceEquals(answer, first) ? remembered : answer);
    }

    private async Task<(Answer Answer, string? Rephrased)> ImproveWithinBudgetAsync(Answer answer, CancellationToken cancellationToken)
    {
        if (!answerer.CanImprove(answer))
        {
            return (answer, null);
        }

        // The person sees one message: it waits a short while for the wording, never for the LLM's whole budget.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(answerer.WaitBudget);
        var result = await answerer.ImproveAsync(answer, budget.Token);
        return (result.Answer, result.Rephrased);
    }

    /// <summary>What to post (null: nothing, a follow-up that was not for PickBot) and the answer to remember.</summary>
    private sealed record Reply(MessageContent? Content, Answer? Remembered);
}
