using Microsoft.Extensions.Logging;

namespace PickBot.Core.Knowledge;

/// <summary>The default notifier: the admins read the log. Replaced by the Slack notifier when Slack is configured.</summary>
public sealed class LoggingAdminNotifier(ILogger<LoggingAdminNotifier> log) : IAdminNotifier
{
    public Task NotifyAsync(AdminNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        log.Log(notice.Level, "Admin notice: {Summary} {Details}", notice.Summary, string.Join("; ", notice.Details));
        return Task.CompletedTask;
    }
}
