namespace PickBot.Slack.Installations;

/// <summary>
/// Which installation a request or an event belongs to: the workspace, its Enterprise Grid org, and whether the app is
/// installed org-wide (then the org's installation serves every workspace in it).
/// </summary>
public sealed record SlackTeam(string? TeamId, string? EnterpriseId = null, bool IsEnterpriseInstall = false)
{
    /// <summary>The store keys to try, most specific first: the workspace's own installation, then the org's.</summary>
    public IEnumerable<string> CandidateKeys()
    {
        if (!IsEnterpriseInstall && !string.IsNullOrEmpty(TeamId))
        {
            yield return SlackInstallation.TeamKey(TeamId);
        }

        if (!string.IsNullOrEmpty(EnterpriseId))
        {
            yield return SlackInstallation.EnterpriseKey(EnterpriseId);
        }
    }

    /// <summary>For logs: "T123" or "T123 (org E456)".</summary>
    public override string ToString() => EnterpriseId is { Length: > 0 } e ? $"{TeamId ?? "-"} (org {e}{(IsEnterpriseInstall ? ", org-wide install" : string.Empty)})" : TeamId ?? "-";

    /// <summary>Null when neither id is there (a payload that names no team).</summary>
    public static SlackTeam? From(string? teamId, string? enterpriseId, bool isEnterpriseInstall = false) =>
        string.IsNullOrEmpty(teamId) && string.IsNullOrEmpty(enterpriseId)
            ? null
            : new SlackTeam(string.IsNullOrEmpty(teamId) ? null : teamId, string.IsNullOrEmpty(enterpriseId) ? null : enterpriseId, isEnterpriseInstall);
}
