using PickBot.Semantic;

namespace PickBot.Tests.Support;

/// <summary>all-MiniLM-L6-v2, loaded once for the whole test run (1-2 s) and shared by every test that needs it.</summary>
internal static class SharedModel
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Model = new(MiniLmEmbeddingGenerator.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static MiniLmEmbeddingGenerator Value => Model.Value;
}
