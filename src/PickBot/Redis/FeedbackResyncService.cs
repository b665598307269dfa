using Microsoft.Extensions.Options;

namespace PickBot.Redis;

/// <summary>
/// Connects to Redis at start (without waiting) and moves votes kept locally during an outage back into Redis: at once
/// when Redis returns, and every <see cref="RedisOptions.ResyncInterval"/> in case a return went unnoticed.
/// </summary>
public sealed class FeedbackResyncService(
    IServiceProvider services,
    IOptions<RedisOptions> options,
    ILogger<FeedbackResyncService> logger) : BackgroundService
{
    /// <summary>Waits (briefly: the connect timeout) for the first connection, so the first events are deduped across replicas.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await services.GetRequiredService<RedisConnection>().GetDatabaseAsync().WaitAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var redis = services.GetRequiredService<RedisConnection>();
        var store = services.GetRequiredService<FailoverFeedbackStore>();
        using var wake = new SemaphoreSlim(0);
        void OnRestored(object? sender, EventArgs e) => wake.Release();
        redis.Restored += OnRestored;
        try
        {
            await redis.GetDatabaseAsync();
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (redis.TryGetDatabase() is not null)
                    {
                        await store.SyncAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Feedback resync failed; trying again in {Interval}", options.Value.ResyncInterval);
                }

                await wake.WaitAsync(options.Value.ResyncInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("Feedback resync stopped");
        }
        finally
        {
            redis.Restored -= OnRestored;
        }
    }
}
