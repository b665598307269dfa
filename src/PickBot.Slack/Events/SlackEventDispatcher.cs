using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.Conversations;
using PickBot.Slack.Installations;

namespace PickBot.Slack.Events;

/// <summary>
/// Decides within the ack window what an event deserves: ignore it, drop a retry, or queue it for an answer. Transport
/// agnostic: the HTTP endpoint and a Socket Mode loop both hand their envelopes here. When the queue is full it waits
/// briefly for room (backpressure: acks slow down to the answer rate); if there is still none, the event is refused
/// and the transport must not acknowledge it, so Slack delivers it again. Installed in many workspaces, an event from a
/// team without an installation is acknowledged and left unanswered, and an uninstall deletes the installation here.
/// </summary>
public sealed class SlackEventDispatcher(
    IEventDeduplicator deduplicator,
    SlackWorkChannel queue,
    BotIdentity bot,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackEventDispatcher> logger,
    IOptions<SlackConversationOptions>? conversations = null,
    SlackInstallations? installations = null)
{
    /// <summary>Slack retries a failed delivery three times (about at once, after 1 minute, after 5 minutes).</summary>
    public const int LastSlackRetry = 3;

    private readonly TimeSpan _enqueueWait = options.Value.EnqueueWait;

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

        if (installations is not null && await installations.TryHandleLifecycleAsync(envelope, cancellationToken))
        {
            return DispatchResult.Ignored;
        }

        if (e.Type == SlackEvent.AppHomeOpened)
        {
            return await HomeOpenedAsync(envelope.EventId, e, envelope.Team, cancellationToken);
        }

        var team = envelope.Team;
        var origin = Classify(e, team);
        if (origin is null)
        {
            return DispatchResult.Ignored;
        }

        if (string.IsNullOrEmpty(envelope.EventId) || string.IsNullOrEmpty(e.Channel) || string.IsNullOrEmpty(e.Ts) || string.IsNullOrEmpty(e.User))
        {
            logger.LogWarning("Ignored {Type} event without id, channel, ts or user (event {EventId}, channel {Channel}, ts {Ts})", e.Type, envelope.EventId, e.Channel, e.Ts);
            return DispatchResult.Invalid;
        }

        if (installations is { Enabled: true } && (team is null || await installations.FindAsync(team, cancellationToken) is null))
        {
            // Never answered with another team's token: without its own installation there is no token to answer with.
            logger.LogWarning("{Origin} event {EventId} from team {Team}, which has no installation: acknowledged, not answered", origin, envelope.EventId, team);
            return DispatchResult.Ignored;
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
            origin)
        {
            Team = team,
        };
        bool accepted;
        try
        {
            accepted = await queue.TryEnqueueAsync(work, _enqueueWait, time, cancellationToken);
        }
        catch
        {
            // The caller went away (request aborted, host stopping) before there was room: not accepted, so the
            // claim must go, or Slack's redelivery would be acked as a duplicate and never answered.
            await deduplicator.ForgetAsync(envelope.EventId, CancellationToken.None);
            throw;
        }

        if (accepted)
        {
            await deduplicator.ConfirmAsync(envelope.EventId, CancellationToken.None);
            return DispatchResult.Queued;
        }

        await deduplicator.ForgetAsync(envelope.EventId, CancellationToken.None);
        var why = queue.IsClosed
            ? "PickBot is shutting down"
            : string.Create(CultureInfo.InvariantCulture, $"the work queue stayed full ({queue.Capacity} items) for {_enqueueWait.TotalMilliseconds:0} ms");
        if (retryNum >= LastSlackRetry)
        {
            logger.LogError(
                "{Origin} event {EventId} in channel {Channel} at ts {Ts} NOT accepted on Slack's last retry ({RetryNum}): {Why}; the question is lost",
                origin, envelope.EventId, e.Channel, e.Ts, retryNum, why);
        }
        else
        {
            logger.LogWarning(
                "{Origin} event {EventId} in channel {Channel} not accepted (retry {RetryNum}): {Why}; not acknowledged, Slack will retry it",
                origin, envelope.EventId, e.Channel, retryNum, why);
        }

        return DispatchResult.QueueFull;
    }

    /// <summary>"mention", "message" (a direct message), or null for anything PickBot does not answer.</summary>
    private string? Classify(SlackEvent e, SlackTeam? team)
    {
        // Bolt's ignoring-self rule, widened to every bot: two bots answering each other never stop.
        if (e.BotId is not null || (e.User is not null && e.User == bot.UserIdFor(team)))
        {
            return null;
        }

        return e.Type switch
        {
            SlackEvent.AppMention when e.Subtype is null => "mention",
            SlackEvent.Message when e.Subtype is null && e.ChannelType == SlackEvent.DirectMessageChannel => "message",
            SlackEvent.Message when IsFollowUp(e) => MentionWork.FollowUp,
            _ => null,
        };
    }

    /// <summary>
    /// A reply in a channel thread, without a mention, that reads as a question (Slack:FollowUpsWithoutMention). Whether
    /// PickBot answered in that thread, and whether people are talking to each other, is decided after the ack.
    /// </summary>
    private bool IsFollowUp(SlackEvent e) =>
        conversations?.Value.FollowUpsWithoutMention == true
        && e.Subtype is null
        && e.ChannelType is "channel" or "group"
        && e.ThreadTs is not null && e.ThreadTs != e.Ts
        && FollowUpText.ReadsAsQuestion(e.Text);

    /// <summary>The Home tab was opened: publish it after the ack. The Messages tab needs nothing.</summary>
    private async Task<DispatchResult> HomeOpenedAsync(string? eventId, SlackEvent e, SlackTeam? team, CancellationToken cancellationToken)
    {
        if (e.Tab != "home" || string.IsNullOrEmpty(e.User) || string.IsNullOrEmpty(eventId))
        {
            return DispatchResult.Ignored;
        }

        if (!await deduplicator.TryBeginAsync(eventId, cancellationToken))
        {
            return DispatchResult.Duplicate;
        }

        if (await queue.TryEnqueueAsync(new HomeWork(eventId, e.User) { Team = team }, _enqueueWait, time, cancellationToken))
        {
            return DispatchResult.Queued;
        }

        await deduplicator.ForgetAsync(eventId, CancellationToken.None);
        logger.LogWarning("app_home_opened event {EventId} not accepted: the work queue is full or closed; Slack will retry it", eventId);
        return DispatchResult.QueueFull;
    }
}
