using Microsoft.Extensions.Primitives;
using PickBot.Slack.Hosting;
using PickBot.Slack.Installations;

namespace PickBot.Slack.Commands;

/// <summary>A slash command invocation, as Slack sends it (HTTP form fields, or a Socket Mode envelope's payload).</summary>
public sealed record SlashCommand(
    string Command,
    string Text,
    string UserId,
    string ChannelId,
    string? TeamId = null,
    string? UserName = null,
    string? ChannelName = null,
    string? ResponseUrl = null,
    string? TriggerId = null,
    string? ApiAppId = null,
    string? EnterpriseId = null,
    bool IsEnterpriseInstall = false)
{
    /// <summary>Whose command it is (the installation, the knowledge); null when the payload names no team.</summary>
    public SlackTeam? Team => SlackTeam.From(TeamId, EnterpriseId, IsEnterpriseInstall);

    /// <summary>Null when the fields Slack always sends are missing: not a slash command.</summary>
    public static SlashCommand? FromForm(Dictionary<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = SlackForm.Field(form, "command");
        var user = SlackForm.Field(form, "user_id");
        var channel = SlackForm.Field(form, "channel_id");
        if (string.IsNullOrWhiteSpace(command) || string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        return new SlashCommand(
            command.Trim(),
            SlackForm.Field(form, "text") ?? string.Empty,
            user,
            channel,
            SlackForm.Field(form, "team_id"),
            SlackForm.Field(form, "user_name"),
            SlackForm.Field(form, "channel_name"),
            SlackForm.Field(form, "response_url"),
            SlackForm.Field(form, "trigger_id"),
            SlackForm.Field(form, "api_app_id"),
            SlackForm.Field(form, "enterprise_id"),
            SlackForm.Field(form, "is_enterprise_install") == "true");
    }
}
