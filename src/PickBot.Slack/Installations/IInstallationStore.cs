namespace PickBot.Slack.Installations;

/// <summary>
/// Where installations are kept (Bolt's InstallationStore): SQLite by default, Redis when replicas share them, memory in
/// tests. Keys are <see cref="SlackInstallation.Key"/>. Implementations keep tokens encrypted at rest.
/// </summary>
public interface IInstallationStore
{
    Task<SlackInstallation?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the installation with the same key (a reinstall, a refreshed token).</summary>
    Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default);

    /// <returns>Whether there was one.</returns>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken = default);
}
