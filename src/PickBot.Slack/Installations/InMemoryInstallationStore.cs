using System.Collections.Concurrent;

namespace PickBot.Slack.Installations;

/// <summary>Installations in process memory: the default of the adapter alone; the host keeps them in SQLite or Redis.</summary>
public sealed class InMemoryInstallationStore : IInstallationStore
{
    private readonly ConcurrentDictionary<string, SlackInstallation> _installations = new(StringComparer.Ordinal);

    public Task<SlackInstallation?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_installations.GetValueOrDefault(key));

    public Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        _installations[installation.Key] = installation;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_installations.TryRemove(key, out _));

    public Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SlackInstallation>>([.. _installations.Values]);
}
