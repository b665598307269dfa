using Microsoft.Extensions.AI;
using PickBot.Semantic;
using PickBot.Tests.Support;

namespace PickBot.Tests.Semantic;

/// <summary>The local model, loaded once for the run. Vectors may differ in the low bits across CPUs: compared within a tolerance or by ranking.</summary>
public sealed class MiniLmEmbeddingGeneratorTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void Embed_AnyText_Has384DimensionsOfUnitLength()
    {
        var vector = SharedModel.Value.Embed("json or protobuf for the public api");

        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, vector.Length);
        Assert.InRange(Math.Sqrt(vector.Sum(v => (double)v * v)), 1 - Tolerance, 1 + Tolerance);
    }

    [Fact]
    public void Embed_SameTextTwice_SameVectorWithinTolerance()
    {
        var first = SharedModel.Value.Embed("people read these payloads in the logs all day");
        var second = SharedModel.Value.Embed("people read these payloads in the logs all day");

        Assert.All(first.Zip(second), pair => Assert.InRange(pair.First - pair.Second, -Tolerance, Tolerance));
    }

    [Fact]
    public void Embed_AParaphrase_IsNearerItsMeaningThanAnother()
    {
        // The sentence-transformers documentation's own example.
        var context = SharedModel.Value.Embed("A man is eating food.");

        var near = Cosine(context, SharedModel.Value.Embed("A man is eating a piece of bread."));
        var far = Cosine(context, SharedModel.Value.Embed("A man is riding a horse."));

        Assert.True(near > far, $"{near} against {far}");
    }

    [Fact]
    public void Embed_NewlinesTabsAndAccents_ReadAsWordsAre()
    {
        var plain = SharedModel.Value.Embed("cafe menu for the week");

        var spaced = Cosine(plain, SharedModel.Value.Embed("cafe\tmenu\nfor  the\r\nweek"));
        var accented = Cosine(plain, SharedModel.Value.Embed("café menu for the week"));
        var other = Cosine(plain, SharedModel.Value.Embed("kafka retention for the week"));

        Assert.True(spaced > 0.999, $"{spaced}");
        Assert.True(accented > other, $"{accented} against {other}");
    }

    [Fact]
    public void Embed_ParallelCallers_GetTheVectorsOfSequentialOnes()
    {
        string[] texts = ["kafka vs rabbitmq", "we need replay", "a tangle of pricing formulas", "every millisecond counts"];
        var expected = texts.Select(SharedModel.Value.Embed).ToList();

        var results = new float[texts.Length * 12][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = SharedModel.Value.Embed(texts[i % texts.Length]));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.All(results[i].Zip(expected[i % texts.Length]), pair => Assert.InRange(pair.First - pair.Second, -Tolerance, Tolerance));
        }
    }

    [Fact]
    public async Task GenerateAsync_ThroughTheAbstraction_ReturnsOneEmbeddingPerText()
    {
        var embeddings = await Generate(SharedModel.Value, ["one", "two"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, SharedModel.Value.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void Load_BrokenModelResource_Throws()
    {
        Assert.ThrowsAny<Exception>(() => MiniLmEmbeddingGenerator.Load("not an onnx model"u8.ToArray(), "[PAD]\n[UNK]\n"u8.ToArray()));
    }

    // Through the interface the engine's layer uses, not the class.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The interface is what is tested.")]
    private static Task<GeneratedEmbeddings<Embedding<float>>> Generate(IEmbeddingGenerator<string, Embedding<float>> generator, string[] texts) =>
        generator.GenerateAsync(texts);

    private static double Cosine(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);
}
