using PickBot.Core.Semantic;

namespace PickBot.Core.Tests.Semantic;

public sealed class VectorCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pickbot-vectors-").FullName;

    [Fact]
    public void Open_AfterAdd_ReadsTheVectorsBackByModelAndText()
    {
        VectorCache.Open(_directory, "model-a", 3).Add([("human readable", [0.5f, 0.5f, 0.7f]), ("replay", [1f, 0f, 0f])]);

        var again = VectorCache.Open(_directory, "model-a", 3);

        Assert.Equal(2, again.Count);
        Assert.True(again.TryGet("human readable", out var vector));
        Assert.Equal([0.5f, 0.5f, 0.7f], vector);
        Assert.False(again.TryGet("Human readable", out _));
    }

    [Fact]
    public void Open_AnotherModel_SharesNothing()
    {
        VectorCache.Open(_directory, "model-a", 3).Add([("replay", [1f, 0f, 0f])]);

        Assert.False(VectorCache.Open(_directory, "model-b", 3).TryGet("replay", out _));
    }

    [Fact]
    public void Open_TornLastRecord_KeepsTheWholeOnes()
    {
        VectorCache.Open(_directory, "model-a", 3).Add([("replay", [1f, 0f, 0f]), ("routing", [0f, 1f, 0f])]);
        var file = Directory.GetFiles(_directory).Single();
        using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(stream.Length - 5);
        }

        var again = VectorCache.Open(_directory, "model-a", 3);

        Assert.Equal(1, again.Count);
        Assert.True(again.TryGet("replay", out _));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
