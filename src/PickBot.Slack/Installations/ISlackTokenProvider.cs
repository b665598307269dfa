namespace PickBot.Slack.Installations;

/// <summary>
/// The one place a Web API call's bot token comes from. <see cref="WebApi.SlackApiClient"/> asks it on every call with
/// <see cref="SlackTeamScope.Current"/>: one configured token for a single workspace, or the team's own installation.
/// </summary>
public interface ISlackTokenProvider
{
    ValueTask<BotToken> GetBotTokenAsync(SlackTeam? team, CancellationToken cancellationToken = default);
}

/// <summary>A token, or why there is none ("no_bot_token", "not_installed", "token_expired").</summary>
public readonly record struct BotToken(string? Value, string? Error)
{
    public static BotToken Of(string token) => new(token.Trim(), null);

    public static BotToken Missing(string error) => new(null, error);

    public override string ToString() => Value is null ? $"no token ({Error})" : "token";
}
