using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PickBot.Feedback;
using PickBot.Redis;
using PickBot.Slack.Installations;

namespace PickBot.Installations;

public static class InstallationStoreServiceCollectionExtensions
{
    public const string InstallationsFile = "installations.db";
    public const string KeysFolder = "keys";

    /// <summary>
    /// Data Protection with its key ring under the data folder (<c>data/keys</c>), or in Redis when Redis is
    /// configured, and the installation store on top of it: SQLite under the data folder, or Redis. Call after
    /// AddPickBotSlack(), AddPickBotFeedback() and AddPickBotRedis(); it replaces the adapter's in-memory store.
    /// </summary>
    public static IServiceCollection AddPickBotInstallationStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection().SetApplicationName("PickBot");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            if (RedisEnabled(sp))
            {
                var redis = sp.GetRequiredService<RedisConnection>();
                options.XmlRepository = new RedisXmlRepository(
                    () => redis.TryGetDatabase() ?? redis.GetDatabaseAsync().GetAwaiter().GetResult()
                        ?? throw new InvalidOperationException("Redis is not reachable: the Data Protection key ring is kept there"),
                    redis.Key("dataprotection-keys"));
            }
            else
            {
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(DataPath(sp), KeysFolder)), sp.GetRequiredService<ILoggerFactory>());
            }
        });
        services.TryAddSingleton<InstallationProtector>();
        services.Replace(ServiceDescriptor.Singleton<IInstallationStore>(sp => RedisEnabled(sp)
            ? ActivatorUtilities.CreateInstance<RedisInstallationStore>(sp)
            : new SqliteInstallationStore(Path.Combine(DataPath(sp), InstallationsFile), sp.GetRequiredService<InstallationProtector>())));
        return services;
    }

    private static bool RedisEnabled(IServiceProvider services) => services.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled;

    private static string DataPath(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
}
