using System.Collections.Concurrent;
using PickBot.Slack.Installations;

namespace PickBot.Slack.Events;

/// <summary>
/// PickBot's own Slack user id, from configuration or auth.test. Until it is known, PickBot still ignores bot messages
/// and strips a leading mention; knowing it lets it strip its own mention anywhere and ignore itself by id. Installed in
/// many workspaces, the bot is a different user in each: every installation's id is kept under its key.
/// </summary>
public sealed class BotIdentity
{
    private readonly ConcurrentDictionary<string, string> _installed = new(StringComparer.Ordinal);
    private string? _userId;

    public BotIdentity(string? configuredUserId = null) => _userId = string.IsNullOrWhiteSpace(configuredUserId) ? null : configuredUserId.Trim();

    public string? UserId
    {
        get => Volatile.Read(ref _userId);
        set => Volatile.Write(ref _userId, value);
    }

    /// <summary>The bot's user id in <paramref name="team"/>'s installation, else the configured one.</summary>
    public string? UserIdFor(SlackTeam? team)
    {
        if (team is not null && !_installed.IsEmpty)
        {
            foreach (var key in team.CandidateKeys())
            {
                if (_installed.TryGetValue(key, out var id))
                {
                    return id;
                }
            }
        }

        return UserId;
    }

    public void Remember(string installationKey, string userId) => _installed[installationKey] = userId;

    public void Forget(string installationKey) => _installed.TryRemove(installationKey, out _);
}
