using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Events;

/// <summary>
/// Finds PickBot's user id with auth.test after start, when it is not configured. In the background, and a failure
/// only logs: the bot still answers, it just strips only a leading mention until it knows its id.
/// </summary>
public sealed class BotIdentityResolver(
    BotIdentity bot,
    ISlackApiClient slack,
    IOptions<SlackOptions> options,
    ILogger<BotIdentityResolver> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bot.UserId is not null || !options.Value.HasBotToken)
        {
            return;
        }

        var result = await slack.AuthTestAsync(stoppingToken);
        if (result is { Ok: true, UserId: { Length: > 0 } id })
        {
            bot.UserId = id;
            logger.LogInformation("Slack bot user id {BotUserId} (from auth.test)", id);
        }
        else
        {
            logger.LogWarning("Could not find the bot's user id with auth.test ({Error}); set Slack__BotUserId to strip mentions anywhere in a message", result.Error);
        }
    }
}
