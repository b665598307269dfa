namespace PickBot.Slack.Events;

/// <summary>
/// PickBot's own Slack user id, from configuration or auth.test. Until it is known, PickBot still ignores bot messages
/// and strips a leading mention; knowing it lets it strip its own mention anywhere and ignore itself by id.
/// </summary>
public sealed class BotIdentity
{
    private string? _userId;

    public BotIdentity(string? configuredUserId = null) => _userId = string.IsNullOrWhiteSpace(configuredUserId) ? null : configuredUserId.Trim();

    public string? UserId
    {
        get => Volatile.Read(ref _userId);
        set => Volatile.Write(ref _userId, value);
    }
}
