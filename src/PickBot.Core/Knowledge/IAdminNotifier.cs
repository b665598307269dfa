namespace PickBot.Core.Knowledge;

/// <summary>
/// Tells the people who curate the knowledge that something needs them (an edit was rejected, a broken set was fixed).
/// A seam because where admins listen differs by deployment: the log by default, a Slack DM or channel when connected.
/// </summary>
public interface IAdminNotifier
{
    /// <summary>Delivers one notice. Implementations may throw; callers log the failure and carry on.</summary>
    Task NotifyAsync(AdminNotice notice, CancellationToken cancellationToken = default);
}
