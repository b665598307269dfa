using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PickBot.Feedback;
using PickBot.Slack;
using PickBot.Slack.Events;

namespace PickBot.Intake;

public static class IntakeServiceCollectionExtensions
{
    public const string IntakeFile = "intake.db";

    /// <summary>
    /// The durable intake: journal and event dedupe in <c>intake.db</c> under Storage:DataPath. Call after
    /// AddPickBotSlack() (this replaces its in-memory defaults) and before AddPickBotRedis() (which builds on it).
    /// </summary>
    public static IServiceCollection AddPickBotIntake(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new SqliteIntake(
                Path.Combine(Path.GetFullPath(storage.DataPath, root), IntakeFile),
                sp.GetRequiredService<IOptions<SlackOptions>>().Value.EventDedupeWindow,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SqliteIntake>>());
        });
        services.Replace(ServiceDescriptor.Singleton<IIntakeJournal>(sp => sp.GetRequiredService<SqliteIntake>()));
        services.Replace(ServiceDescriptor.Singleton<IEventDeduplicator>(sp => sp.GetRequiredService<SqliteIntake>()));
        return services;
    }
}
