using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Core.Knowledge;
using PickBot.Core.Text;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Admin;

/// <summary>
/// Tells the admins in Slack: in <c>Slack:AdminChannel</c> when set, otherwise by a direct message to each admin. With
/// no bot token or no admins configured it only logs, as the default notifier does.
/// </summary>
public sealed class SlackAdminNotifier(
    ISlackApiClient slack,
    IOptions<SlackOptions> slackOptions,
    IOptions<SlackAdminOptions> adminOptions,
    ILogger<SlackAdminNotifier> logger) : IAdminNotifier
{
    private const int MaxDetails = 15;

    public async Task NotifyAsync(AdminNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        logger.Log(notice.Level, "Admin notice: {Summary}", notice.Summary);
        var targets = Targets();
        if (!slackOptions.Value.HasBotToken || targets.Count == 0)
        {
            return;
        }

        var text = Render(notice);
        foreach (var target in targets)
        {
            var result = await slack.PostMessageAsync(new ChatPostMessage(target, text), cancellationToken);
            if (!result.Ok)
            {
                logger.LogWarning("Admin notice not delivered to {Target} ({Error}): {Summary}", target, result.Error, notice.Summary);
            }
        }
    }

    /// <summary>The notice as Slack mrkdwn; the details quote knowledge files, so they are escaped.</summary>
    public static string Render(AdminNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var icon = notice.Level >= LogLevel.Error ? ":warning:" : ":white_check_mark:";
        var text = $"{icon} *PickBot knowledge:* {SlackText.Escape(notice.Summary)}";
        if (notice.Details.Count == 0)
        {
            return text;
        }

        var lines = notice.Details.Take(MaxDetails).Select(d => SlackText.Escape(d.Replace("```", "'''", StringComparison.Ordinal)));
        var more = notice.Details.Count > MaxDetails ? $"\n… and {notice.Details.Count - MaxDetails} more (see the log or the playground)" : string.Empty;
        return $"{text}\n```\n{string.Join('\n', lines)}{more}\n```";
    }

    private List<string> Targets() => adminOptions.Value.AdminChannel is { Length: > 0 } channel
        ? [channel]
        : adminOptions.Value.Admins().Order(StringComparer.Ordinal).ToList();
}
