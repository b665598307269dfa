using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.Commands;
using PickBot.Slack.Installations;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Events;

/// <summary>
/// Drains <see cref="SlackWorkChannel"/> with a few concurrent consumers, so one slow Slack call (a 429 wait) does not hold
/// up every other answer. Each item is guarded: a failure is logged and the next item goes on.
/// </summary>
public sealed class SlackWorker(
    SlackWorkChannel queue,
    AppMentionHandler mentions,
    CommandRephraseHandler commandRephrasing,
    ISlackApiClient slack,
    IOptions<SlackOptions> options,
    ILogger<SlackWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The stop signal starts a grace period instead of abandoning the queue: no new work is accepted, the workers
        // finish what was acknowledged, and only what is left when the grace period ends is given up (and logged).
        using var drain = new CancellationTokenSource();
        var grace = options.Value.ShutdownGracePeriod;
        using var stopping = stoppingToken.Register(() =>
        {
            queue.Complete();
            drain.CancelAfter(grace);
        });
        var consumers = Enumerable.Range(0, options.Value.MentionWorkers).Select(_ => ConsumeAsync(drain.Token)).ToList();
        await Task.WhenAll(consumers);
        LogUnanswered(grace);
    }

    /// <summary>Everything needed to answer by hand or replay: where, who, what, and the event id.</summary>
    private void LogUnanswered(TimeSpan grace)
    {
        var left = 0;
        while (queue.Reader.TryRead(out var work))
        {
            left++;
            switch (work)
            {
                case MentionWork m:
                    logger.LogError(
                        "NOT answered at shutdown (replay): {Origin} event {EventId} channel {Channel} ts {Ts} thread_ts {ThreadTs} user {User} text {Text}",
                        m.Origin, m.EventId, m.Channel, m.Ts, m.ThreadTs, m.User, m.Text);
                    break;
                case ResponseWork r:
                    // The response_url is a credential for 30 minutes: the context says what it was, not where.
                    logger.LogError("NOT delivered at shutdown: reply {Context}: {Text}", r.Context, r.Message.Text);
                    break;
                case CommandRephraseWork c:
                    // The plain answer was already sent; only its rewording is lost.
                    logger.LogWarning("Rewording skipped at shutdown for an answer in {Channel} ({Entry})", c.Channel, c.Answer.Entry?.Id);
                    break;
            }
        }

        if (left > 0)
        {
            logger.LogWarning("Stopped after a {Grace} grace period with {Count} accepted Slack items not done; each is logged above", grace, left);
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Reads one item at a time so that, once the grace period is over, nothing more is taken from the queue:
            // what is left there is logged for replay by ExecuteAsync.
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
            // The grace period is over; what is left in the queue is reported by ExecuteAsync.
        }
    }

    private async Task HandleAsync(SlackWork work, CancellationToken stoppingToken)
    {
        // Every Web API call below answers with this team's token (and this team's knowledge).
        using var scope = SlackTeamScope.Enter(work.Team);
        try
        {
            switch (work)
            {
                case MentionWork mention:
                    await mentions.HandleAsync(mention, stoppingToken);
                    break;
                case CommandRephraseWork rephrase:
                    await commandRephrasing.HandleAsync(rephrase, stoppingToken);
                    break;
                case ResponseWork response:
                    var result = await slack.RespondAsync(response.ResponseUrl, response.Message, stoppingToken);
                    if (!result.Ok)
                    {
                        logger.LogError("Reply to response_url NOT delivered ({Error}): {Context}", result.Error, response.Context);
                    }

                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogError("Shutdown interrupted Slack work (replay): {Work}", work is ResponseWork r ? $"reply {r.Context}: {r.Message.Text}" : work.ToString());
        }
        catch (Exception e)
        {
            logger.LogError(e, "Slack work {Work} failed", work);
        }
    }
}
