using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PickBot.Core.Conversations;
using PickBot.Core.Feedback;
using PickBot.Slack.Conversations;

namespace PickBot.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite feedback store under <see cref="StorageOptions.DataPath"/> (relative paths from the content
    /// root). TryAdd, so a deployment with a shared store registers its own first.
    /// </summary>
    public static IServiceCollection AddPickBotFeedback(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IFeedbackStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new SqliteFeedbackStore(Path.Combine(Path.GetFullPath(options.DataPath, root), options.FeedbackFile));
        });

        // Thread memory lives in the same database file, in its own table.
        services.TryAddSingleton<IThreadMemoryStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new SqliteThreadMemoryStore(
                Path.Combine(Path.GetFullPath(options.DataPath, root), options.FeedbackFile),
                sp.GetRequiredService<IOptions<SlackConversationOptions>>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        return services;
    }
}
