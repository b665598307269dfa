using System.Text.Json.Serialization;

namespace PickBot.Slack.Installations;

/// <summary>
/// PickBot installed in one workspace (or org-wide in an Enterprise Grid org, then keyed by the enterprise id): what
/// oauth.v2.access returned, plus when. Holds the bot token and the refresh token: <see cref="ToString"/> leaves them out.
/// </summary>
/// <param name="ExpiresAt">With token rotation on, when <paramref name="BotToken"/> expires; null when it does not.</param>
public sealed record SlackInstallation(
    string? TeamId,
    string? TeamName,
    string? EnterpriseId,
    string? EnterpriseName,
    bool IsEnterpriseInstall,
    string? AppId,
    string BotUserId,
    string BotToken,
    IReadOnlyList<string> BotScopes,
    string? InstallerUserId,
    DateTimeOffset InstalledAt,
    DateTimeOffset UpdatedAt,
    string? RefreshToken = null,
    DateTimeOffset? ExpiresAt = null)
{
    /// <summary>"T:&lt;team id&gt;", or "E:&lt;enterprise id&gt;" for an org-wide install.</summary>
    [JsonIgnore]
    public string Key => IsEnterpriseInstall ? EnterpriseKey(EnterpriseId!) : TeamKey(TeamId!);

    [JsonIgnore]
    public SlackTeam Team => new(TeamId, EnterpriseId, IsEnterpriseInstall);

    public static string TeamKey(string teamId) => "T:" + teamId;

    public static string EnterpriseKey(string enterpriseId) => "E:" + enterpriseId;

    public override string ToString() =>
        $"installation {Key} ({TeamName ?? EnterpriseName}), bot {BotUserId}, scopes {string.Join(',', BotScopes)}, installed {InstalledAt:O} by {InstallerUserId}{(ExpiresAt is { } e ? $", token expires {e:O}" : string.Empty)}";
}
