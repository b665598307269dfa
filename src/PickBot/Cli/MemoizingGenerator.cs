using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace PickBot.Cli;

/// <summary>
/// Remembers each text's embedding for one run: calibration asks the same questions under many thresholds, and
/// only the thresholds change between runs.
/// </summary>
internal sealed class MemoizingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly ConcurrentDictionary<string, Embedding<float>> _seen = new(StringComparer.Ordinal);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var missing = texts.Where(t => !_seen.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var computed = await base.GenerateAsync(missing, options, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < missing.Count; i++)
            {
                _seen[missing[i]] = computed[i];
            }
        }

        return [.. texts.Select(t => _seen[t])];
    }

}
