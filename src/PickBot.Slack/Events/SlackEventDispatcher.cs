using Microsoft.Extensions.Logging;

namespace PickBot.Slack.Events;

/// <summary>
/// Decides within the ack window what an event deserves: ignore it, drop a retry, or queue it for an answer. Transport
/// agnostic: the HTTP endpoint and a Socket Mode loop both hand their envelopes here.
/// </summary>
public sealed class SlackEventDispatcher(
    IEventDeduplicator deduplicator,
    SlackWorkChannel queue,
    BotIdentity bot,
    ILogger<SlackEventDispatcher> logger)
{
    /// <param name="retryNum">Slack's retry count (X-Slack-Retry-Num, or a Socket Mode retry_attempt); 0 for the first delivery.</param>
    public async Task<DispatchResult> HandleAsync(EventEnvelope envelope, int retryNum = 0, string? retryReason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (retryNum > 0)
        {
            logger.LogInformation("Slack retried event {EventId} (attempt {RetryNum}, reason {RetryReason})", envelope.EventId, retryNum, retryReason);
        }

        if (envelope.Type != EventEnvelope.EventCallback || envelope.Event is not { } e)
        {
            logger.LogDebug("Ignored Slack envelope of type {Type}", envelope.Type);
            return DispatchResult.Ignored;
        }

        var origin = Classify(e);
        if (origin is null)
        {
            return DispatchResult.Ignored;
        }

        if (string.IsNullOrEmpty(envelope.EventId) || string.IsNullOrEmpty(e.Channel) || string.IsNullOrEmpty(e.Ts) || string.IsNullOrEmpty(e.User))
        {
            logger.LogWarning("Ignored {Type} event without id, channel, ts or user (event {EventId}, channel {Channel}, ts {Ts})", e.Type, envelope.EventId, e.Channel, e.Ts);
            return DispatchResult.Invalid;
        }

        if (!await deduplicator.TryBeginAsync(envelope.EventId, cancellationToken))
        {
            logger.LogInformation("Event {EventId} already accepted; retry {RetryNum} ({RetryReason}) acknowledged without a second answer", envelope.EventId, retryNum, retryReason);
            return DispatchResult.Duplicate;
        }

        var work = new MentionWork(
            envelope.EventId,
            e.Channel,
            e.User,
            e.Text ?? string.Empty,
            e.Ts,
            origin == "mention" ? e.ThreadTs ?? e.Ts : e.ThreadTs,
            origin);
        if (queue.TryEnqueue(work))
        {
            return DispatchResult.Queued;
        }

        // Acknowledged anyway (a non-2xx would only bring Slack's retries into a full queue), but never silently.
        logger.LogError(
            "Work queue full ({Capacity} items): {Origin} event {EventId} in channel {Channel} at ts {Ts} from {User} was NOT answered",
            queue.Capacity, origin, envelope.EventId, e.Channel, e.Ts, e.User);
        await deduplicator.ForgetAsync(envelope.EventId, cancellationToken);
        return DispatchResult.QueueFull;
    }

    /// <summary>"mention", "message" (a direct message), or null for anything PickBot does not answer.</summary>
    private string? Classify(SlackEvent e)
    {
        // Bolt's ignoring-self rule, widened to every bot: two bots answering each other never stop.
        if (e.BotId is not null || (e.User is not null && e.User == bot.UserId))
        {
            return null;
        }

        return e.Type switch
        {
            SlackEvent.AppMention when e.Subtype is null => "mention",
            SlackEvent.Message when e.Subtype is null && e.ChannelType == SlackEvent.DirectMessageChannel => "message",
            _ => null,
        };
    }
}
