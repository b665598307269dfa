using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.Installations;
using PickBot.Slack.SocketMode;

namespace PickBot.Slack.Hosting;

/// <summary>Says at start, in one line each, what is missing for Slack to work: the local mode is fine, but not silent.</summary>
public sealed class SlackStartupReport(IOptions<SlackOptions> options, IOptions<SocketModeOptions> socketMode, IOptions<SlackInstallOptions> install, ILogger<SlackStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!socketMode.Value.HttpEnabled)
        {
            // Socket Mode only: no /slack/* endpoints, so no signing secret to ask for (SocketModeService says so).
            if (!o.HasBotToken)
            {
                logger.LogWarning("Slack bot token missing: mentions and buttons cannot be answered over Socket Mode; set the environment variable Slack__BotToken");
            }

            return Task.CompletedTask;
        }

        if (!o.HasSigningSecret)
        {
            logger.LogWarning("Slack endpoints answer 401 to every request: set the environment variable Slack__SigningSecret (and Slack__BotToken) to connect Slack");
        }
        else if (install.Value.Enabled)
        {
            logger.LogInformation("Slack installs per workspace: {InstallPath} offers \"Add to Slack\", and each workspace is answered with its own token (Web API at {ApiBaseUrl})", InstallEndpoints.InstallPath, o.ApiBaseUrl);
        }
        else if (!o.HasBotToken)
        {
            logger.LogWarning("Slack bot token missing: slash commands work, but mentions and buttons cannot be answered; set the environment variable Slack__BotToken");
        }
        else
        {
            logger.LogInformation("Slack endpoints ready: /slack/commands, /slack/events, /slack/interactions (Web API at {ApiBaseUrl})", o.ApiBaseUrl);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
