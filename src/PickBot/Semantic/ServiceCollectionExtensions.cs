using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PickBot.Core.Semantic;

namespace PickBot.Semantic;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Section "Semantic": checks the OpenAI settings when that mode is chosen, and registers what makes the
    /// generator. The host switches meaning on in the background (<see cref="SemanticStartup"/>), so it answers
    /// lexically from its first second.
    /// </summary>
    public static IServiceCollection AddPickBotSemantic(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SemanticOptions>()
            .Validate(o => o.Mode != SemanticMode.OpenAI || (!string.IsNullOrWhiteSpace(o.Endpoint) && !string.IsNullOrWhiteSpace(o.Model)),
                "Semantic:Mode OpenAI needs Semantic:Endpoint (e.g. http://localhost:11434/v1) and Semantic:Model (e.g. nomic-embed-text)")
            .Validate<IConfiguration>(
                (_, configuration) => !ApiKeyInFile(configuration),
                "Semantic:ApiKey must not be written in appsettings.json; set it in the environment (Semantic__ApiKey)");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OwnedGenerators>();
        services.TryAddSingleton(sp => new EmbeddingHttpClient(new HttpClient(new EmbeddingResilienceHandler(sp.GetRequiredService<IOptions<SemanticOptions>>(), sp.GetRequiredService<TimeProvider>())
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        })
        {
            // Polly owns the time limits.
            Timeout = Timeout.InfiniteTimeSpan,
        }));
        services.AddHostedService<SemanticStartup>();
        return services;
    }

    private static bool ApiKeyInFile(IConfiguration configuration) =>
        configuration is IConfigurationRoot root
        && root.Providers.OfType<JsonConfigurationProvider>().Any(p => p.TryGet($"{SemanticOptions.SectionName}:{nameof(SemanticOptions.ApiKey)}", out var key) && !string.IsNullOrEmpty(key));
}

/// <summary>Loads the model after the host has started, then switches meaning on; until then answers are lexical.</summary>
internal sealed class SemanticStartup(IServiceProvider services, IHostEnvironment environment) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host listens and answers by words while the model loads.
        await Task.Yield();
        try
        {
            await SemanticGenerators.ActivateAsync(services, environment.ContentRootPath, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
