using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.SocketMode;

/// <summary>Runs the Socket Mode client for the host's lifetime when Slack:Mode is Socket or Both.</summary>
public sealed class SocketModeService(SocketModeClient client, IOptions<SocketModeOptions> options, ILogger<SocketModeService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SocketEnabled)
        {
            logger.LogDebug("Slack Socket Mode off (Slack:Mode is {Mode})", options.Value.Mode);
            return Task.CompletedTask;
        }

        if (!options.Value.HttpEnabled)
        {
            // Slack's signing secret only guards the HTTP endpoints; over the socket, the app token authenticates.
            logger.LogInformation("Slack:Mode is Socket: the /slack/* HTTP endpoints are not served and Slack__SigningSecret is not needed");
        }

        return client.RunAsync(stoppingToken);
    }
}
