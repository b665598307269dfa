using PickBot.Core.Knowledge;

namespace PickBot.Core.Tests.Support;

internal sealed class RecordingAdminNotifier : IAdminNotifier
{
    public List<AdminNotice> Notices { get; } = [];

    public Exception? Failure { get; set; }

    public Task NotifyAsync(AdminNotice notice, CancellationToken cancellationToken = default)
    {
        Notices.Add(notice);
        return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
    }
}
