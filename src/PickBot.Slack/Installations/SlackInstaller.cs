using Microsoft.Extensions.Logging;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Installations;

/// <summary>
/// Turns an authorization code into a stored installation: oauth.v2.access, then auth.test with the new token (the bot
/// user id it reports is the one kept), then the store.
/// </summary>
public sealed class SlackInstaller(
    SlackOAuthClient oauth,
    SlackInstallations installations,
    ISlackApiClient slack,
    TimeProvider time,
    ILogger<SlackInstaller> logger)
{
    /// <returns>The installation, or null and Slack's error.</returns>
    public async Task<(SlackInstallation? Installation, string? Error)> InstallAsync(string code, CancellationToken cancellationToken = default)
    {
        var access = await oauth.ExchangeCodeAsync(code, cancellationToken);
        if (!access.Ok)
        {
            return (null, access.Error);
        }

        var keyed = access.IsEnterpriseInstall ? access.EnterpriseId : access.TeamId;
        if (access.TokenType != "bot" || string.IsNullOrEmpty(access.AccessToken) || string.IsNullOrEmpty(keyed) || string.IsNullOrEmpty(access.BotUserId))
        {
            logger.LogWarning("oauth.v2.access gave no bot token, team or bot user ({Access}); nothing installed", access);
            return (null, "no_bot_token");
        }

        var now = time.GetUtcNow();
        var key = access.IsEnterpriseInstall ? SlackInstallation.EnterpriseKey(keyed) : SlackInstallation.TeamKey(keyed);
        var earlier = await installations.FindByKeyAsync(key, cached: false, cancellationToken);
        var installation = new SlackInstallation(
            access.TeamId,
            access.TeamName,
            access.EnterpriseId,
            access.EnterpriseName,
            access.IsEnterpriseInstall,
            access.AppId,
            access.BotUserId,
            access.AccessToken,
            (access.Scope ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            access.AuthedUserId,
            earlier?.InstalledAt ?? now,
            now,
            access.RefreshToken,
            access.ExpiresIn is { } seconds ? now.AddSeconds(seconds) : null);
        await installations.SaveAsync(installation, cancellationToken);

        // auth.test through the client, in the new team's scope: it proves the stored token works and names the bot.
        SlackApiResult auth;
        using (SlackTeamScope.Enter(installation.Team))
        {
            auth = await slack.AuthTestAsync(cancellationToken);
        }

        if (auth is { Ok: true, UserId.Length: > 0 } && auth.UserId != installation.BotUserId)
        {
            installation = installation with { BotUserId = auth.UserId };
            await installations.SaveAsync(installation, cancellationToken);
        }
        else if (!auth.Ok)
        {
            logger.LogWarning("auth.test with the new token of {Key} failed ({Error}); keeping bot user {BotUserId} from oauth.v2.access", installation.Key, auth.Error, installation.BotUserId);
        }

        logger.LogInformation("PickBot {What} {Installation}", earlier is null ? "installed:" : "reinstalled:", installation);
        return (installation, null);
    }
}
