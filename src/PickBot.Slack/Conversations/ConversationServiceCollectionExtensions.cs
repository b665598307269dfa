using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PickBot.Core.Conversations;

namespace PickBot.Slack.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Thread reading and memory: options (section "Slack", validated at start), the thread reader and name cache, and
    /// an in-process thread memory unless a durable one (SQLite, Redis) was registered first.
    /// </summary>
    public static IServiceCollection AddPickBotConversations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SlackConversationOptions>()
            .BindConfiguration(SlackConversationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ThreadAnswerer>();
        services.TryAddSingleton<ThreadReader>();
        services.TryAddSingleton<UserNames>();
        services.TryAddSingleton<IThreadMemoryStore, InMemoryThreadMemoryStore>();
        services.TryAddSingleton<ThreadConversation>();
        return services;
    }
}
