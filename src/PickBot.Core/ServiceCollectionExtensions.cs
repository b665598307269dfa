using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;
using PickBot.Core.Semantic;

namespace PickBot.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the knowledge base (read once, in the background from the first use, from <see cref="KnowledgeOptions.Path"/>) and the engine.
    /// Defaults use TryAdd so a host or a test can put its own source or clock first.
    /// </summary>
    public static IServiceCollection AddPickBotCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Knowledge:Path must name the knowledge folder")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKnowledgeSource>(sp => new DirectoryKnowledgeSource(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path));
        services.TryAddSingleton(sp => new KnowledgeLoader(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ReviewMaxAgeDays));
        services.TryAddSingleton(sp =>
        {
            // Read on another thread: the host goes on starting (and a caller of Current waits for the set).
            var loader = sp.GetRequiredService<KnowledgeLoader>();
            var source = sp.GetRequiredService<IKnowledgeSource>();
            return new KnowledgeStore(Task.Run(() => loader.Load(source)));
        });
        // Meaning is on only once a host activates the layer (src/PickBot/Semantic); until then answers are lexical.
        services.AddOptions<SemanticOptions>()
            .BindConfiguration(SemanticOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<SemanticLayer>();
        services.TryAddSingleton(sp => new PickEngine(sp.GetRequiredService<KnowledgeStore>(), sp.GetRequiredService<SemanticLayer>()));
        services.TryAddSingleton<IAnswerRephraser, PassThroughRephraser>();
        services.TryAddSingleton<IQuestionInterpreter, NoQuestionInterpreter>();
        services.TryAddSingleton(sp => new ConversationalAnswerer(
            sp.GetRequiredService<PickEngine>(),
            sp.GetRequiredService<IAnswerRephraser>(),
            sp.GetRequiredService<IQuestionInterpreter>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<ConversationalAnswerer>>()));
        services.TryAddSingleton<IAdminNotifier, LoggingAdminNotifier>();
        services.TryAddSingleton<KnowledgeReloader>();
        return services;
    }
}
