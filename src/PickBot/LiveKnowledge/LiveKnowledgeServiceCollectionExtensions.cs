namespace PickBot.LiveKnowledge;

public static class LiveKnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the folder watcher. The reloader it calls (also used by <c>/pick reload</c>) and the default admin
    /// notifier (the log) come with <c>AddPickBotCore()</c>; the Slack adapter replaces the notifier.
    /// </summary>
    public static IServiceCollection AddLiveKnowledge(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KnowledgeWatchOptions>()
            .BindConfiguration(KnowledgeWatchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<KnowledgeWatcher>();
        return services;
    }
}
