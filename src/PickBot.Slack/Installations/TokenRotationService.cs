using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Installations;

/// <summary>
/// Refreshes due tokens in the background, so a workspace that is quiet for a day still has a good token when it next
/// asks, and a failed refresh is tried again on schedule. Off in single-workspace mode.
/// </summary>
public sealed class TokenRotationService(
    SlackInstallations installations,
    TokenRotation rotation,
    IOptions<SlackInstallOptions> options,
    TimeProvider time,
    ILogger<TokenRotationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!installations.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.TokenCheckInterval, time);
        do
        {
            try
            {
                await rotation.RefreshDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Checking the installations for tokens to refresh failed; trying again in {Interval}", options.Value.TokenCheckInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
