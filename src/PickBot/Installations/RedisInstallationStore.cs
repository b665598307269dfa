using PickBot.Redis;
using PickBot.Slack.Installations;
using StackExchange.Redis;

namespace PickBot.Installations;

/// <summary>
/// Installations in one Redis hash (field = key, value = the protected blob), shared by every replica; the Data
/// Protection key ring is in Redis too, so each replica can read what another stored. No local fallback: an
/// installation written during an outage on one replica would be unknown to the others, so an outage is an error.
/// </summary>
public sealed class RedisInstallationStore(RedisConnection redis, InstallationProtector protector) : IInstallationStore
{
    private RedisKey Hash => redis.Key("installations");

    public async Task<SlackInstallation?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var stored = await (await DatabaseAsync()).HashGetAsync(Hash, key);
        return stored.HasValue ? protector.Unprotect(stored.ToString()) : null;
    }

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        await (await DatabaseAsync()).HashSetAsync(Hash, installation.Key, protector.Protect(installation));
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await (await DatabaseAsync()).HashDeleteAsync(Hash, key);

    public async Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = await (await DatabaseAsync()).HashGetAllAsync(Hash);
        return entries.OrderBy(e => e.Name.ToString(), StringComparer.Ordinal).Select(e => protector.Unprotect(e.Value.ToString())).ToList();
    }

    private async Task<IDatabase> DatabaseAsync() =>
        redis.TryGetDatabase() ?? await redis.GetDatabaseAsync() ?? throw new InvalidOperationException("Redis is not reachable: the installations are kept there");
}
