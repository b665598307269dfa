using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.Commands;
using PickBot.Slack.Home;
using PickBot.Slack.Installations;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Events;

/// <summary>
/// Drains <see cref="SlackWorkChannel"/> with a few concurrent consumers, so one slow Slack call (a 429 wait) does not hold
/// up every other answer. Each item is guarded: a failure is logged and the next item goes on. Journaled work leaves
/// the <see cref="IIntakeJournal"/> only once it is answered (or can never be); what the journal still holds at start
/// (a crash, a stop before the queue was empty) is answered first.
/// </summary>
public sealed class SlackWorker(
    SlackWorkChannel queue,
    AppMentionHandler mentions,
    CommandRephraseHandler commandRephrasing,
    AppHomeHandler home,
    ISlackApiClient slack,
    IOptions<SlackOptions> options,
    ILogger<SlackWorker> logger) : BackgroundService
{
    private readonly IIntakeJournal _journal = queue.Journal;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The stop signal starts a grace period instead of abandoning the queue: no new work is accepted, the workers
        // finish what was acknowledged, and what is left when the grace period ends stays in the journal for the next start.
        using var drain = new CancellationTokenSource();
        var grace = options.Value.ShutdownGracePeriod;
        using var stopping = stoppingToken.Register(() =>
        {
            queue.Complete();
            drain.CancelAfter(grace);
        });
        var consumers = Enumerable.Range(0, options.Value.MentionWorkers).Select(_ => ConsumeAsync(drain.Token)).ToList();
        await RecoverAsync(drain.Token);
        await Task.WhenAll(consumers);
        var left = 0;
        while (queue.Reader.TryRead(out var work))
        {
            left += JournalCodec.IsJournaled(work) ? 1 : 0;
        }

        if (left > 0)
        {
            logger.LogWarning("Stopped after a {Grace} grace period with {Count} acknowledged Slack items not answered; they stay in the intake journal and are answered at the next start", grace, left);
        }
    }

    /// <summary>What an earlier run acknowledged and did not answer goes back in the queue, oldest first.</summary>
    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<SlackWork> pending;
        try
        {
            pending = await _journal.PendingAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The intake journal could not be read; what it holds is answered at the next start");
            return;
        }

        if (pending.Count == 0)
        {
            return;
        }

        logger.LogWarning("Answering {Count} acknowledged Slack item(s) left unanswered by the last run (intake journal)", pending.Count);
        try
        {
            foreach (var work in pending)
            {
                if (!await queue.RequeueAsync(work, stoppingToken))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before all were queued: the rest is still in the journal.
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Reads one item at a time so that, once the grace period is over, nothing more is taken from the queue.
            while (!stoppingToken.IsCancellationRequested && await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                if (!stoppingToken.IsCancellationRequested && queue.Reader.TryRead(out var work))
                {
                    await HandleAsync(work, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The grace period is over; what is left stays in the journal.
        }
    }

    private async Task HandleAsync(SlackWork work, CancellationToken stoppingToken)
    {
        // Every Web API call below answers with this team's token (and this team's knowledge).
        using var scope = SlackTeamScope.Enter(work.Team);
        var journalId = work.JournalId;
        try
        {
            if (journalId is not null && !await _journal.MarkAttemptedAsync(journalId, stoppingToken))
            {
                logger.LogWarning("Slack work {JournalId} was handed to another replica while this one seemed down; not answered here", journalId);
                return;
            }

            SlackApiResult? result = null;
            switch (work)
            {
                case MentionWork mention:
                    result = await mentions.HandleAsync(mention, stoppingToken);
                    break;
                case HomeWork opened:
                    await home.HandleAsync(opened, stoppingToken);
                    break;
                case CommandRephraseWork rephrase:
                    await commandRephrasing.HandleAsync(rephrase, stoppingToken);
                    break;
                case ResponseWork response:
                    result = response.Json is { } json
                        ? await slack.RespondAsync(response.ResponseUrl, json, stoppingToken)
                        : await slack.RespondAsync(response.ResponseUrl, response.Message, stoppingToken);
                    if (!result.Ok)
                    {
                        logger.LogError("Reply to response_url NOT delivered ({Error}): {Context}", result.Error, response.Context);
                    }

                    break;
            }

            if (journalId is not null && result is not null)
            {
                await SettleAsync(work, journalId, result, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Shutdown interrupted Slack work {JournalId}; it stays in the intake journal and is answered at the next start", journalId);
        }
        catch (Exception e)
        {
            // A bug, not Slack's state: trying again would fail the same way.
            logger.LogError(e, "Slack work {Work} failed", work);
            if (journalId is not null)
            {
                await _journal.RemoveAsync(journalId, CancellationToken.None);
            }
        }
    }

    /// <summary>Delivered or hopeless: out of the journal. Slack unavailable: another attempt later, a few times.</summary>
    private async Task SettleAsync(SlackWork work, string journalId, SlackApiResult result, CancellationToken stoppingToken)
    {
        var attempts = work.Attempts + 1;
        if (result.Ok || !IsWorthRetrying(result.Error) || attempts >= options.Value.DeliveryAttempts)
        {
            if (!result.Ok && IsWorthRetrying(result.Error))
            {
                logger.LogError("Gave up on Slack work {JournalId} after {Attempts} attempts ({Error})", journalId, attempts, result.Error);
            }

            await _journal.RemoveAsync(journalId, CancellationToken.None);
            return;
        }

        var delay = options.Value.RedeliveryDelay * attempts;
        logger.LogWarning("Slack work {JournalId} not delivered ({Error}); attempt {Attempt} of {Max} in {Delay}", journalId, result.Error, attempts + 1, options.Value.DeliveryAttempts, delay);
        _ = RedeliverAsync(work with { Attempts = attempts }, delay, stoppingToken);
    }

    private async Task RedeliverAsync(SlackWork work, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
            await queue.RequeueAsync(work, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the item is still in the journal.
        }
    }

    /// <summary>Failures of Slack's state (down, slow, busy), not of the request: the same call may succeed later.</summary>
    private static bool IsWorthRetrying(string? error) =>
        error is "timeout" or "circuit_open" or "http_error" or "http_408" or "http_429"
        || (error?.StartsWith("http_5", StringComparison.Ordinal) ?? false)
        || (error is not null && SlackErrors.Transient.Contains(error));
}
