using System.Globalization;
using Microsoft.Extensions.Logging;
using PickBot.Core.Answers;
using PickBot.Core.Feedback;
using PickBot.Slack.Events;
using PickBot.Slack.Formatting;
using PickBot.Slack.Installations;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Interactions;

/// <summary>
/// The buttons under an answer. A vote is stored before the ack (a quick local write) under an id derived from the
/// click, so a redelivered click is stored once; the "thanks" and "show both sides" replies go out after the ack,
/// through the work queue, to the payload's response_url (ephemeral: only the clicker sees them).
/// </summary>
public sealed class InteractionHandler(
    PickEngine engine,
    IFeedbackStore feedback,
    SlackWorkChannel queue,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    public async Task HandleAsync(BlockActionsPayload payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var scope = SlackTeamScope.Enter(payload.Workspace);
        foreach (var action in payload.Actions ?? [])
        {
            // JSON allows "actions":[null]; Slack never sends it, but a signed request that does gets a 2xx, not a 500.
            if (action is null)
            {
                logger.LogInformation("Ignored an empty block action from {User}", payload.User?.Id);
                continue;
            }

            try
            {
                switch (action.ActionId)
                {
                    case ActionIds.Helpful:
                    case ActionIds.NotHelpful:
                        await VoteAsync(payload, action, cancellationToken);
                        break;
                    case ActionIds.ShowBothSides:
                        await ShowBothSidesAsync(payload, action, cancellationToken);
                        break;
                    default:
                        logger.LogInformation("Ignored block action {ActionId} from {User}", action.ActionId, payload.User?.Id);
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Block action {ActionId} from {User} in {Channel} failed", action.ActionId, payload.User?.Id, ChannelOf(payload));
                await ReplyAsync(payload, "Sorry, something went wrong with that button. Please try again in a moment.", cancellationToken);
            }
        }
    }

    private async Task VoteAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var reference = AnswerReference.Decode(action.Value);
        var user = payload.User?.Id;
        var channel = ChannelOf(payload);
        if (reference is null || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel))
        {
            logger.LogWarning("Vote {ActionId} without a readable answer, user or channel (user {User}, channel {Channel})", action.ActionId, user, channel);
            await ReplyAsync(payload, "Sorry, I could not tell which answer that vote was for.", cancellationToken);
            return;
        }

        // Only PickBot's own buttons carry a reference, and they name an entry and pick it knows: anything else is a
        // hand-made or stale value, refused so that the feedback report counts real answers only.
        if (!IsKnownPick(reference))
        {
            logger.LogWarning("Refused vote {ActionId} from {User} in {Channel}: entry {Entry} / pick {Pick} is not in the knowledge base",
                action.ActionId, user, channel, Loggable(reference.EntryId), Loggable(reference.PickId));
            await ReplyAsync(payload, "Sorry, that answer's comparison is no longer in my knowledge base, so I could not record the vote.", cancellationToken);
            return;
        }

        var helpful = action.ActionId == ActionIds.Helpful;
        var vote = new Vote(VoteId(payload, action, user, channel, helpful), reference.Question, reference.EntryId, reference.PickId, helpful, user, channel, ClickedAt(action));
        await feedback.RecordVoteAsync(vote, cancellationToken);
        logger.LogInformation("Vote {VoteId}: {Helpful} on {Entry} -> {Pick}", vote.Id, helpful ? "helpful" : "not helpful", vote.EntryId, vote.PickId);
        await ReplyAsync(payload, helpful ? "Thanks! Noted that this answer helped." : "Thanks for telling me. Noted that this answer did not help; the knowledge owners will see it.", cancellationToken);
    }

    private async Task ShowBothSidesAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var reference = AnswerReference.Decode(action.Value);
        var kb = engine.Knowledge;
        var comparison = reference?.EntryId is { } id ? kb.FindComparison(id) : null;
        if (comparison is null)
        {
            await ReplyAsync(payload, "That comparison is no longer in my knowledge base.", cancellationToken);
            return;
        }

        var content = ComparisonBlocks.Render(comparison, kb, reference!.PickId);
        await EnqueueAsync(payload, new ResponseMessage(content.Text, content.Blocks), cancellationToken);
    }

    private bool IsKnownPick(AnswerReference reference) =>
        reference.EntryId is { } id && engine.Knowledge.FindComparison(id) is { } comparison
        && reference.PickId is { } pick && comparison.Side(pick) is not null;

    /// <summary>A refused id goes to the log as at most 80 printable characters: it came from outside.</summary>
    private static string Loggable(string? value) =>
        value is null ? "none" : new string(value.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    /// <summary>
    /// One vote per person, answer and button: the same click delivered again, or clicked again, is the same vote.
    /// The answer is the message the button is on (channel and message ts); its action_ts stands in only when absent.
    /// </summary>
    internal static string VoteId(BlockActionsPayload payload, BlockAction action, string user, string channel, bool helpful)
    {
        var message = payload.Container?.MessageTs ?? payload.Message?.Ts ?? action.ActionTs ?? "unknown";
        return $"slack:{channel}:{message}:{user}:{(helpful ? "helpful" : "not-helpful")}";
    }

    private DateTimeOffset ClickedAt(BlockAction action) =>
        decimal.TryParse(action.ActionTs, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : time.GetUtcNow();

    private static string? ChannelOf(BlockActionsPayload payload) => payload.Channel?.Id ?? payload.Container?.ChannelId;

    private Task ReplyAsync(BlockActionsPayload payload, string text, CancellationToken cancellationToken) => EnqueueAsync(payload, new ResponseMessage(text), cancellationToken);

    /// <summary>Journaled before the ack (see <see cref="SlackWorkChannel.TryEnqueueAsync"/>), so a crash cannot lose the reply.</summary>
    private async Task EnqueueAsync(BlockActionsPayload payload, ResponseMessage message, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(payload.ResponseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            logger.LogWarning("Cannot reply to {User} in {Channel}: the payload has no http(s) response_url", payload.User?.Id, ChannelOf(payload));
            return;
        }

        var context = $"interaction reply to {payload.User?.Id} in {ChannelOf(payload)} (message {payload.Container?.MessageTs ?? payload.Message?.Ts})";
        if (!await queue.TryEnqueueAsync(new ResponseWork(url, message, context), TimeSpan.Zero, time, cancellationToken))
        {
            logger.LogError("Work queue full ({Capacity} items): {Context} was NOT sent", queue.Capacity, context);
        }
    }
}
