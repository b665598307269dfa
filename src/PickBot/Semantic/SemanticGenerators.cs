using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;

namespace PickBot.Semantic;

/// <summary>How the host loads the local model; a test replaces it to give a broken resource.</summary>
public sealed record LocalModelLoader(Func<MiniLmEmbeddingGenerator> Load)
{
    public static LocalModelLoader FromPackage { get; } = new(MiniLmEmbeddingGenerator.Load);
}

/// <summary>The embedding endpoint's own HttpClient (with <see cref="EmbeddingResilienceHandler"/>), not a general one.</summary>
internal sealed record EmbeddingHttpClient(HttpClient Client);

/// <summary>
/// Makes the configured generator and switches the layer on with it: the local model (loaded off the calling
/// thread), or an OpenAI-compatible endpoint through the OpenAI client library the LLM step already uses. Any
/// failure leaves the layer lexical, with one log line.
/// </summary>
public static class SemanticGenerators
{
    public static async Task<bool> ActivateAsync(IServiceProvider services, string contentRoot, CancellationToken cancellationToken, Func<IEmbeddingGenerator<string, Embedding<float>>, IEmbeddingGenerator<string, Embedding<float>>>? wrap = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var layer = services.GetRequiredService<SemanticLayer>();
        var options = services.GetRequiredService<IOptions<SemanticOptions>>().Value;
        if (options.Mode == SemanticMode.Off)
        {
            return false;
        }

        await services.GetRequiredService<KnowledgeStore>().Initialized.ConfigureAwait(false);
        IEmbeddingGenerator<string, Embedding<float>> generator;
        string model;
        int dimensions;
        try
        {
            if (services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is { } given)
            {
                // A generator registered by the host or a test (the test run's one shared model) wins.
                generator = given;
            }
            else if (options.Mode == SemanticMode.Local)
            {
                var loader = services.GetService<LocalModelLoader>() ?? LocalModelLoader.FromPackage;
                generator = await Task.Run(loader.Load, cancellationToken).ConfigureAwait(false);
                services.GetRequiredService<OwnedGenerators>().Add(generator);
            }
            else
            {
                generator = OpenAI(services, options);
                services.GetRequiredService<OwnedGenerators>().Add(generator);
            }

            generator = wrap?.Invoke(generator) ?? generator;
            var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
            model = metadata?.DefaultModelId ?? options.Model ?? "unknown";

            // One probe: it checks the endpoint (or the model) now, and tells the cache the vectors' size.
            var probe = await generator.GenerateAsync(["probe"], cancellationToken: cancellationToken).ConfigureAwait(false);
            dimensions = probe[0].Vector.Length;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            layer.Fail($"the {options.Mode} embedding model could not be loaded ({e.GetType().Name}: {FirstLine(e.Message)})");
            return false;
        }

        return await layer.ActivateAsync(generator, OpenCache(options, contentRoot, model, dimensions, services), model, cancellationToken).ConfigureAwait(false);
    }

    private static VectorCache OpenCache(SemanticOptions options, string contentRoot, string model, int dimensions, IServiceProvider services)
    {
        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            return VectorCache.InMemory(model, dimensions);
        }

        var directory = Path.GetFullPath(options.CacheDirectory, contentRoot);
        try
        {
            var cache = VectorCache.Open(directory, model, dimensions);
            if (cache.Repaired is { } repaired)
            {
                services.GetService<ILoggerFactory>()?.CreateLogger(typeof(SemanticGenerators)).LogWarning(
                    "The vector cache in {Directory} was damaged ({Repair}); what was lost is embedded again", directory, repaired);
            }

            return cache;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(SemanticGenerators)).LogWarning(
                "The vector cache {Directory} cannot be used ({Error}); vectors are computed at every start", directory, e.Message);
            return VectorCache.InMemory(model, dimensions);
        }
    }

    private static IEmbeddingGenerator<string, Embedding<float>> OpenAI(IServiceProvider services, SemanticOptions o)
    {
        var client = new OpenAIClient(
            // Local servers (Ollama, vLLM) need no key, but the client library insists on one.
            new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "no-key" : o.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(o.Endpoint!),
                Transport = new HttpClientPipelineTransport(services.GetRequiredService<EmbeddingHttpClient>().Client),
                // Polly (EmbeddingResilienceHandler) retries and times out; the library's own retries would multiply them.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            });
        return client.GetEmbeddingClient(o.Model!).AsIEmbeddingGenerator();
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

/// <summary>The generators the host made (not those given to it), disposed with the container.</summary>
internal sealed class OwnedGenerators : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Add(IDisposable generator)
    {
        lock (_owned)
        {
            _owned.Add(generator);
        }
    }

    public void Dispose()
    {
        lock (_owned)
        {
            _owned.ForEach(g => g.Dispose());
            _owned.Clear();
        }
    }
}
