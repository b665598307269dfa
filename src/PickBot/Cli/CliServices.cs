using Microsoft.Extensions.Options;
using PickBot.Core;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;
using PickBot.Llm;
using PickBot.Semantic;

namespace PickBot.Cli;

/// <summary>
/// The answer pipeline for the verbs that run and exit, composed the way the host composes it (same registrations,
/// same configuration), over a knowledge base the verb already loaded.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(IConfiguration configuration, KnowledgeStore store)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        // Warnings only, and on standard error: standard output carries the answers (and JSON for scripts).
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft.SemanticKernel", LogLevel.Error)
            .AddFilter("System.Net.Http", LogLevel.Error));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddSingleton(store);
        services.AddPickBotCore();
        services.AddPickBotLlm();
        services.AddPickBotSemantic();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Switches meaning on before a verb answers (the host does it in the background instead), unless
    /// Semantic:Mode is Off; a model that cannot load leaves the answers lexical with one line on standard error.
    /// </summary>
    public static Task<bool> EnableMeaningAsync(ServiceProvider services, CancellationToken cancellationToken = default) =>
        SemanticGenerators.ActivateAsync(services, Directory.GetCurrentDirectory(), cancellationToken);

    /// <summary>The pipeline, or null with the configuration problems written to <paramref name="error"/>.</summary>
    public static ConversationalAnswerer? Answerer(ServiceProvider services, TextWriter error)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                error.WriteLine($"pickbot: {failure}");
            }

            return null;
        }

        return services.GetRequiredService<ConversationalAnswerer>();
    }
}
