using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.Events;

namespace PickBot.Slack.Installations;

/// <summary>
/// The installations in service: finds the one for a team (its own, else its org's), saves and deletes them, and keeps
/// <see cref="BotIdentity"/> told of each bot user id. Found installations are cached briefly, so an event costs no
/// store read while another replica's uninstall or refresh is still seen within <see cref="CacheFor"/>.
/// </summary>
public sealed class SlackInstallations(
    IInstallationStore store,
    IOptions<SlackInstallOptions> options,
    BotIdentity bot,
    TimeProvider time,
    ILogger<SlackInstallations> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (SlackInstallation Installation, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    /// <summary>Installed per workspace (the OAuth flow is configured), rather than one workspace with one token.</summary>
    public bool Enabled => options.Value.Enabled;

    public async Task<SlackInstallation?> FindAsync(SlackTeam team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        foreach (var key in team.CandidateKeys())
        {
            if (await FindByKeyAsync(key, cached: true, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    public async Task<SlackInstallation?> FindByKeyAsync(string key, bool cached, CancellationToken cancellationToken = default)
    {
        if (cached && _cache.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.At < CacheFor)
        {
            return entry.Installation;
        }

        var installation = await store.FindAsync(key, cancellationToken);
        if (installation is null)
        {
            Forget(key);
            return null;
        }

        Remember(installation);
        return installation;
    }

    public Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        await store.SaveAsync(installation, cancellationToken);
        Remember(installation);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var deleted = await store.DeleteAsync(key, cancellationToken);
        Forget(key);
        return deleted;
    }

    /// <summary>
    /// <c>app_uninstalled</c> and <c>tokens_revoked</c> (of the bot's token): the installation goes, and with it the
    /// token. Returns false for any other event.
    /// </summary>
    public async Task<bool> TryHandleLifecycleAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var type = envelope.Event?.Type;
        if (type is not (SlackEvent.AppUninstalled or SlackEvent.TokensRevoked))
        {
            return false;
        }

        var team = envelope.Team;
        if (team is null)
        {
            logger.LogWarning("{Type} event {EventId} names no team; nothing deleted", type, envelope.EventId);
            return true;
        }

        var installation = await FindAsync(team, cancellationToken);
        if (installation is null)
        {
            logger.LogInformation("{Type} for team {Team}, which has no installation here", type, team);
            return true;
        }

        if (type == SlackEvent.TokensRevoked && envelope.Event!.Tokens?.Bot is { } bots && !bots.Contains(installation.BotUserId))
        {
            logger.LogInformation("tokens_revoked for team {Team} names other users' tokens; the bot's installation stays", team);
            return true;
        }

        await DeleteAsync(installation.Key, cancellationToken);
        logger.LogWarning("PickBot's installation {Key} ({Name}) deleted after {Type}: its token is gone", installation.Key, installation.TeamName ?? installation.EnterpriseName, type);
        return true;
    }

    private void Remember(SlackInstallation installation)
    {
        _cache[installation.Key] = (installation, time.GetUtcNow());
        bot.Remember(installation.Key, installation.BotUserId);
    }

    private void Forget(string key)
    {
        _cache.TryRemove(key, out _);
        bot.Forget(key);
    }
}
