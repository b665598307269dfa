using Microsoft.Extensions.Logging;
using PickBot.Core.Answers;
using PickBot.Core.Rephrasing;
using PickBot.Slack.Blocks;
using PickBot.Slack.Commands;
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
    ILogger<AppMentionHandler> logger)
{
    public async Task HandleAsync(MentionWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        MessageContent content;
        try
        {
            content = await AnswerAsync(work, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Answering {Origin} event {EventId} in channel {Channel} (ts {Ts}) failed", work.Origin, work.EventId, work.Channel, work.Ts);
            content = MessageContent.PlainText("Sorry, something went wrong while answering that. Please try again in a moment.");
        }

        var result = await slack.PostMessageAsync(new ChatPostMessage(work.Channel, content.Text, content.Blocks.Count > 0 ? content.Blocks : null, work.ThreadTs), cancellationToken);
        if (!result.Ok)
        {
            logger.LogError(
                "Reply NOT delivered ({Error}) for {Origin} event {EventId}: channel {Channel}, thread {ThreadTs}, message ts {Ts}, user {User}",
                result.Error, work.Origin, work.EventId, work.Channel, work.ThreadTs, work.Ts, work.User);
        }
    }

    private async Task<MessageContent> AnswerAsync(MentionWork work, CancellationToken cancellationToken)
    {
        // In a channel people address the bot by name; in a direct message they just type.
        var prefix = work.Origin == "mention" ? "@PickBot" : string.Empty;
        var request = PickRequest.Parse(MentionText.StripBotMention(work.Text, bot.UserIdFor(work.Team)));
        switch (request.Kind)
        {
            case PickRequestKind.Help:
                return HelpBlocks.Render(prefix);
            case PickRequestKind.List:
                return CatalogBlocks.Render(answerer.Engine.Knowledge, request.Text, prefix);
        }

        var first = answerer.Ask(request.Text);
        if (first.Kind == AnswerKind.NoMatch)
        {
            _ = unanswered.RecordInBackground(request.Text, work.User, work.Channel, work.Origin);
        }

        var (answer, rephrased) = await ImproveWithinBudgetAsync(first, cancellationToken);
        return answer.Kind == AnswerKind.Help ? HelpBlocks.Render(prefix) : AnswerBlocks.Render(answer, prefix, rephrased);
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
}
