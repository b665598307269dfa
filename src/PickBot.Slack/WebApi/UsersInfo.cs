namespace PickBot.Slack.WebApi;

/// <summary>users.info: the names a person goes by; <see cref="DisplayName"/> may be empty in Slack.</summary>
public sealed record UsersInfo(SlackApiResult Status, string? DisplayName, string? RealName, string? Name)
{
    /// <summary>The name people see: display name, else real name, else user name; null when Slack gave none.</summary>
    public string? BestName => new[] { DisplayName, RealName, Name }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))?.Trim();
}
