using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Events;

/// <summary>
/// Drains <see cref="SlackWorkChannel"/> with a few concurrent consumers, so one slow Slack call (a 429 wait) does not hold
/// up every other answer. Each item is guarded: a failure is logged and the next item goes on.
/// </summary>
public sealed class SlackWorker(
    SlackWorkChannel queue,
    AppMentionHandler mentions,
    ISlackApiClient slack,
    IOptions<SlackOptions> options,
    ILogger<SlackWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumers = Enumerable.Range(0, options.Value.MentionWorkers).Select(_ => ConsumeAsync(stoppingToken)).ToList();
        await Task.WhenAll(consumers);
        if (queue.Count > 0)
        {
            logger.LogWarning("Stopped with {Count} accepted Slack items not yet answered", queue.Count);
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(work, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; what is left in the queue is reported by ExecuteAsync.
        }
    }

    private async Task HandleAsync(SlackWork work, CancellationToken stoppingToken)
    {
        try
        {
            switch (work)
            {
                case MentionWork mention:
                    await mentions.HandleAsync(mention, stoppingToken);
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
            logger.LogWarning("Shutdown interrupted Slack work {Work}", work);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Slack work {Work} failed", work);
        }
    }
}
