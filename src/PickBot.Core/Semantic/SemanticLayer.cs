using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PickBot.Core.Knowledge;

namespace PickBot.Core.Semantic;

/// <summary>
/// Meaning as a fallback for words: holds the embedding generator once it is ready and the vectors of the knowledge
/// in service, and embeds questions. Until <see cref="ActivateAsync"/> has finished (the model loads in the
/// background at start), or when it failed, every answer is lexical; nothing here ever throws into an answer.
/// </summary>
public sealed class SemanticLayer : IDisposable
{
    private readonly KnowledgeStore _store;
    private readonly SemanticOptions _options;
    private readonly ILogger _logger;
    private Active? _active;
    private SemanticStatus _status;
    private int _failing;
    private int _cacheWarned;

    public SemanticLayer(KnowledgeStore store, IOptions<SemanticOptions> options, ILogger<SemanticLayer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _logger = logger ?? NullLogger<SemanticLayer>.Instance;
        var mode = _options.Mode.ToString().ToLowerInvariant();
        _status = _options.Mode == SemanticMode.Off
            ? new SemanticStatus(mode, "off", null, "Semantic:Mode is Off")
            : new SemanticStatus(mode, "loading", null, "answering by words until the model is ready");
    }

    public SemanticOptions Options => _options;

    public SemanticStatus Status => Volatile.Read(ref _status);

    /// <summary>The generator in use, once on.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Generator => Volatile.Read(ref _active)?.Generator;

    /// <summary>
    /// Switches meaning on: builds the vectors of the knowledge in service (from <paramref name="cache"/> where it
    /// has them), then keeps them current across reloads. Returns false, logging one line, when that fails.
    /// </summary>
    public async Task<bool> ActivateAsync(IEmbeddingGenerator<string, Embedding<float>> generator, VectorCache cache, string model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(cache);
        if (_options.Mode == SemanticMode.Off)
        {
            return false;
        }

        try
        {
            var started = DateTime.UtcNow;
            var (index, embedded) = await Build(generator, cache, _store.Current, cancellationToken).ConfigureAwait(false);
            var recent = _options.QuestionCacheSize > 0 ? new RecentEmbeddings(_options.QuestionCacheSize) : null;
            Volatile.Write(ref _active, new Active(generator, cache, index, model, recent));
            _store.Swapped += OnSwapped;
            Set(new SemanticStatus(_status.Mode, "on", model, $"{index.TextCount} knowledge texts, {embedded} embedded now"));
            _logger.LogInformation(
                "Meaning is on ({Model}): {Texts} knowledge texts, {Embedded} embedded now, {Cached} from the cache, in {Ms} ms",
                model, index.TextCount, embedded, index.TextCount - embedded, (int)(DateTime.UtcNow - started).TotalMilliseconds);
            LogCacheWriteFailure(cache);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fail($"could not embed the knowledge: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    /// <summary>Records that meaning cannot be had (the model did not load), in one log line; answers stay lexical.</summary>
    public void Fail(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        Set(new SemanticStatus(_status.Mode, "unavailable", _status.Model, reason));
        _logger.LogWarning("Meaning is unavailable, answering by words only: {Reason}", reason);
    }

    /// <summary>The vectors of <paramref name="knowledge"/> when meaning is on and they are built; otherwise null.</summary>
    public SemanticIndex? IndexFor(KnowledgeBase knowledge) =>
        Volatile.Read(ref _active) is { } active && ReferenceEquals(active.Index.Knowledge, knowledge) ? active.Index : null;

    /// <summary>
    /// A question's vector, or null when meaning is off or the generator failed or took longer than
    /// <see cref="SemanticOptions.TimeoutMs"/>. The engine answers synchronously: the local model computes on this
    /// thread (its task is complete when returned); a remote one is waited for within the time limit. A text embedded
    /// recently (<see cref="SemanticOptions.QuestionCacheSize"/>) is not embedded again. The vector is shared: read-only.
    /// </summary>
    public float[]? Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Volatile.Read(ref _active) is not { } active)
        {
            return null;
        }

        if (active.Recent is { } recent && recent.TryGet(text, out var known))
        {
            return known;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.TimeoutMs);
            var task = active.Generator.GenerateAsync([text], cancellationToken: timeout.Token);
            if (!task.IsCompleted && !task.Wait(_options.TimeoutMs, CancellationToken.None))
            {
                throw new TimeoutException($"no embedding within {_options.TimeoutMs} ms");
            }

            var vector = VectorMath.Normalised(task.GetAwaiter().GetResult()[0].Vector.ToArray());
            active.Recent?.Add(text, vector);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                _logger.LogInformation("Embeddings work again; meaning is back");
            }

            return vector;
        }
        catch (Exception e)
        {
            // One line when it starts failing, not one per question.
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                _logger.LogWarning("Embedding a question failed ({Error}); answering by words until it works again", (e as AggregateException)?.InnerException?.Message ?? e.Message);
            }

            return null;
        }
    }

    // The generator is not the layer's to dispose: whoever made it does (the host's OwnedGenerators), and one given
    // to the host (a shared model, a caller's client) outlives it.
    public void Dispose() => _store.Swapped -= OnSwapped;

    private static async Task<(SemanticIndex, int)> Build(IEmbeddingGenerator<string, Embedding<float>> generator, VectorCache cache, KnowledgeBase knowledge, CancellationToken cancellationToken) =>
        await SemanticIndex.BuildAsync(
            knowledge,
            cache,
            async (texts, ct) => (await generator.GenerateAsync(texts, cancellationToken: ct).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList(),
            cancellationToken).ConfigureAwait(false);

    private void OnSwapped(KnowledgeBase next)
    {
        // A reload embeds only what changed (the cache has the rest); until it is done, answers for the new set are
        // lexical, because the old vectors describe other entries.
        _ = Task.Run(async () =>
        {
            if (Volatile.Read(ref _active) is not { } active)
            {
                return;
            }

            try
            {
                var (index, embedded) = await Build(active.Generator, active.Cache, next, CancellationToken.None).ConfigureAwait(false);
                if (ReferenceEquals(_store.Current, next))
                {
                    Volatile.Write(ref _active, active with { Index = index });
                    _logger.LogInformation("Meaning follows the reload: {Embedded} of {Texts} knowledge texts embedded now", embedded, index.TextCount);
                    LogCacheWriteFailure(active.Cache);
                }
            }
            catch (Exception e)
            {
                _logger.LogWarning("Could not embed the reloaded knowledge ({Error}); its questions are answered by words", e.Message);
            }
        });
    }

    private void Set(SemanticStatus status) => Volatile.Write(ref _status, status);

    private void LogCacheWriteFailure(VectorCache cache)
    {
        if (cache.WriteFailure is { } failure && Interlocked.Exchange(ref _cacheWarned, 1) == 0)
        {
            _logger.LogWarning("Knowledge vectors cannot be saved ({Error}); they are kept in memory and computed again at the next start", failure);
        }
    }

    // Recent question vectors belong to the generator that made them: a new activation starts them afresh, a reload
    // keeps them (the same text has the same vector whatever the knowledge).
    private sealed record Active(IEmbeddingGenerator<string, Embedding<float>> Generator, VectorCache Cache, SemanticIndex Index, string Model, RecentEmbeddings? Recent);
}
