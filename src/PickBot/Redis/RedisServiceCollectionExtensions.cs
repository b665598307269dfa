using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PickBot.Core.Conversations;
using PickBot.Core.Feedback;
using PickBot.Feedback;
using PickBot.Intake;
using PickBot.Slack;
using PickBot.Slack.Events;
using PickBot.Slack.Admin;
using PickBot.Slack.Limits;

namespace PickBot.Redis;

public static class RedisServiceCollectionExtensions
{
    public const string PendingFile = "redis-pending.db";

    /// <summary>
    /// Shared state for several replicas when Redis:ConnectionString is set: event dedupe, feedback (with a local
    /// SQLite fallback and resync) and per-user rate limits. Without it, the embedded defaults stay. Call after
    /// AddPickBotFeedback() and AddPickBotSlack(): this replaces their dedupe and store. The choice is made when the
    /// services are first resolved, so configuration added later (a test's, an environment's) counts.
    /// </summary>
    public static IServiceCollection AddPickBotRedis(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisFeedbackStore>();
        services.TryAddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new PendingFeedback(Path.Combine(Path.GetFullPath(storage.DataPath, root), PendingFile));
        });
        services.TryAddSingleton<FailoverFeedbackStore>();

        var embeddedStore = services.LastOrDefault(d => d.ServiceType == typeof(IFeedbackStore))
            ?? throw new InvalidOperationException("AddPickBotRedis needs AddPickBotFeedback() first");
        services.Replace(ServiceDescriptor.Singleton<IFeedbackStore>(sp => Enabled(sp)
            ? sp.GetRequiredService<FailoverFeedbackStore>()
            : (IFeedbackStore)Create(embeddedStore, sp)));
        services.Replace(ServiceDescriptor.Singleton<IEventDeduplicator>(sp =>
        {
            // The durable local dedupe of the intake (AddPickBotIntake), or the adapter's in-memory one without it.
            IEventDeduplicator local = (IEventDeduplicator?)sp.GetService<SqliteIntake>() ?? new InMemoryEventDeduplicator(sp.GetRequiredService<IOptions<SlackOptions>>(), sp.GetRequiredService<TimeProvider>());
            return Enabled(sp)
                ? ActivatorUtilities.CreateInstance<RedisEventDeduplicator>(sp, sp.GetRequiredService<RedisConnection>(), local)
                : local;
        }));
        services.Replace(ServiceDescriptor.Singleton<IRateLimiter>(sp => Enabled(sp)
            ? ActivatorUtilities.CreateInstance<RedisRateLimiter>(sp)
            : sp.GetRequiredService<UserRateLimiter>()));
        services.TryAddSingleton<RedisIntakeJournal>();
        var localJournal = services.LastOrDefault(d => d.ServiceType == typeof(IIntakeJournal));
        if (localJournal is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<IIntakeJournal>(sp => Enabled(sp)
                ? sp.GetRequiredService<RedisIntakeJournal>()
                : (IIntakeJournal)Create(localJournal, sp)));
        }

        var embeddedMemory = services.LastOrDefault(d => d.ServiceType == typeof(IThreadMemoryStore));
        if (embeddedMemory is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<IThreadMemoryStore>(sp => Enabled(sp)
                ? ActivatorUtilities.CreateInstance<RedisThreadMemoryStore>(sp)
                : (IThreadMemoryStore)Create(embeddedMemory, sp)));
        }

        services.AddHostedService<FeedbackResyncService>();
        services.AddHostedService<IntakeAdoptionService>();
        return services;
    }

    private static bool Enabled(IServiceProvider services) => services.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled;

    private static object Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
