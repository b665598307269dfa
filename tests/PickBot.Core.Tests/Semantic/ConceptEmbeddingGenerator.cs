using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace PickBot.Core.Tests.Semantic;

/// <summary>
/// A stand-in for a sentence model, small enough to reason about: each concept (a group of words that mean the same
/// thing) is one dimension, any other word a hashed one, and a text is the normalised count of its words' dimensions.
/// "people read the payloads by eye" and "human readable" share the concept they were given, and little else.
/// </summary>
internal sealed partial class ConceptEmbeddingGenerator(params string[][] concepts) : IEmbeddingGenerator<string, Embedding<float>>
{
    private const int Dimensions = 256;

    public int Calls { get; private set; }

    public Func<string, Exception?> Fail { get; set; } = _ => null;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            Calls++;
            if (Fail(text) is { } error)
            {
                throw error;
            }

            result.Add(new Embedding<float>(Embed(text)));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("concepts", defaultModelId: "concepts-v1") : null;

    public void Dispose()
    {
    }

    private float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (Match word in Word().Matches(text.ToLowerInvariant()))
        {
            var concept = Array.FindIndex(concepts, c => c.Contains(word.Value));
            var dimension = concept >= 0 ? concept : concepts.Length + (int)((uint)StableHash(word.Value) % (uint)(Dimensions - concepts.Length));

            // A concept word weighs more than an incidental one, as content words do in a real model.
            vector[dimension] += concept >= 0 ? 3 : 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }

    private static int StableHash(string word) => word.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Word();
}
