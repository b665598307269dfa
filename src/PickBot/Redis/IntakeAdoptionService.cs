using Microsoft.Extensions.Options;
using PickBot.Slack.Events;

namespace PickBot.Redis;

/// <summary>
/// Keeps this replica's heartbeat in Redis and answers what a replica that stopped had acknowledged: every third of
/// <see cref="RedisOptions.ReplicaTimeout"/>, journals without a heartbeat move here and go into the work queue.
/// </summary>
public sealed class IntakeAdoptionService(IServiceProvider services, IOptions<RedisOptions> options, ILogger<IntakeAdoptionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || services.GetService<IIntakeJournal>() is not RedisIntakeJournal journal)
        {
            return;
        }

        var queue = services.GetRequiredService<SlackWorkChannel>();
        var every = options.Value.ReplicaTimeout / 3;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var work in await journal.AdoptAsync())
                {
                    if (!await queue.RequeueAsync(work, stoppingToken))
                    {
                        return;
                    }
                }

                await Task.Delay(every, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("Intake adoption stopped");
        }
    }
}
