using Microsoft.Extensions.Options;

namespace PickBot.Slack.Installations;

/// <summary>
/// Many workspaces: a call for a team uses that team's installation (or its org's), refreshed first when due, and never
/// another team's. A call outside any team (start-up, an admin notice) uses <c>Slack:BotToken</c> when one is set.
/// </summary>
public sealed class InstalledTokenProvider(
    SlackInstallations installations,
    TokenRotation rotation,
    IOptions<SlackOptions> options,
    TimeProvider time) : ISlackTokenProvider
{
    public async ValueTask<BotToken> GetBotTokenAsync(SlackTeam? team, CancellationToken cancellationToken = default)
    {
        if (team is null)
        {
            return options.Value.BotToken is { } token && !string.IsNullOrWhiteSpace(token) ? BotToken.Of(token) : BotToken.Missing("no_team");
        }

        var installation = await installations.FindAsync(team, cancellationToken);
        if (installation is null)
        {
            return BotToken.Missing("not_installed");
        }

        installation = await rotation.EnsureFreshAsync(installation, cancellationToken);
        return installation.ExpiresAt is { } expires && expires <= time.GetUtcNow()
            ? BotToken.Missing("token_expired")
            : BotToken.Of(installation.BotToken);
    }
}
