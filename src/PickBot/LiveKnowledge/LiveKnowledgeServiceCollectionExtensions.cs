using Microsoft.Extensions.DependencyInjection.Extensions;
using PickBot.Core.Knowledge;

namespace PickBot.LiveKnowledge;

public static class LiveKnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reloader (also used by <c>/pick reload</c>), the folder watcher and the default admin notifier
    /// (the log). A Slack notifier registered before or after this call replaces the default.
    /// </summary>
    public static IServiceCollection AddLiveKnowledge(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KnowledgeWatchOptions>()
            .BindConfiguration(KnowledgeWatchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IAdminNotifier, LoggingAdminNotifier>();
        services.TryAddSingleton<KnowledgeReloader>();
        services.AddHostedService<KnowledgeWatcher>();
        return services;
    }
}
