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

    [Fact]
    public void Open_TornLastRecordThenAdd_KeepsLaterRecordsReadable()
    {
        VectorCache.Open(_directory, "model-a", 3).Add([("replay", [1f, 0f, 0f]), ("routing", [0f, 1f, 0f])]);
        Truncate(5);

        // Appends after a torn record must stay aligned on whole records, or every later vector is lost.
        var mended = VectorCache.Open(_directory, "model-a", 3);
        mended.Add([("audit", [0f, 0f, 1f])]);
        var again = VectorCache.Open(_directory, "model-a", 3);

        Assert.NotNull(mended.Repaired);
        Assert.Null(again.Repaired);
        Assert.Equal(2, again.Count);
        Assert.True(again.TryGet("audit", out var audit));
        Assert.Equal([0f, 0f, 1f], audit);
    }

    [Fact]
    public void Open_DamagedRecord_DropsOnlyThatOneAndMendsTheFile()
    {
        VectorCache.Open(_directory, "model-a", 3).Add([("replay", [1f, 0f, 0f]), ("routing", [0f, 1f, 0f]), ("audit", [0f, 0f, 1f])]);
        var bytes = System.IO.File.ReadAllBytes(CacheFile());

        // Header 32 bytes, records of 16 (key) + 12 (vector) + 8 (checksum): one bit of the second vector flips.
        bytes[32 + 36 + 16 + 2] ^= 0x10;
        System.IO.File.WriteAllBytes(CacheFile(), bytes);

        var opened = VectorCache.Open(_directory, "model-a", 3);
        var again = VectorCache.Open(_directory, "model-a", 3);

        Assert.Contains("1 damaged", opened.Repaired, StringComparison.Ordinal);
        Assert.Equal(2, opened.Count);
        Assert.False(opened.TryGet("routing", out _));
        Assert.True(opened.TryGet("audit", out var audit));
        Assert.Equal([0f, 0f, 1f], audit);
        Assert.Null(again.Repaired);
        Assert.Equal(2, again.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(4_000)]
    public void Open_NotAVectorFile_StartsAgainWithoutThrowing(int length)
    {
        Directory.CreateDirectory(_directory);
        var garbage = new byte[length];
        new Random(length).NextBytes(garbage);
        System.IO.File.WriteAllBytes(Path.Combine(_directory, "model-a-3.vectors"), garbage);

        var opened = VectorCache.Open(_directory, "model-a", 3);
        opened.Add([("replay", [1f, 0f, 0f])]);
        var again = VectorCache.Open(_directory, "model-a", 3);

        Assert.Equal(length > 0, opened.Repaired is not null);
        Assert.Equal(1, again.Count);
        Assert.True(again.TryGet("replay", out _));
    }

    [Fact]
    public void Open_ModelsSharingAFileName_NeverGiveEachOthersVectors()
    {
        // "model/a" and "model_a" are written to the same file name; the header says whose vectors it holds.
        VectorCache.Open(_directory, "model/a", 3).Add([("replay", [1f, 0f, 0f])]);

        var other = VectorCache.Open(_directory, "model_a", 3);

        Assert.Equal(0, other.Count);
        Assert.False(other.TryGet("replay", out _));
    }

    [Fact]
    public void Open_OtherDimensions_SharesNothing()
    {
        VectorCache.Open(_directory, "model-a", 3).Add([("replay", [1f, 0f, 0f])]);

        var wider = VectorCache.Open(_directory, "model-a", 4);

        Assert.False(wider.TryGet("replay", out _));
    }

    [Fact]
    public void Add_FileCannotBeWritten_KeepsTheVectorsInMemoryAndSaysWhy()
    {
        var cache = VectorCache.Open(_directory, "model-a", 3);
        System.IO.File.Delete(CacheFile());
        Directory.CreateDirectory(Path.Combine(_directory, "model-a-3.vectors"));

        cache.Add([("replay", [1f, 0f, 0f])]);
        cache.Add([("routing", [0f, 1f, 0f])]);

        Assert.NotNull(cache.WriteFailure);
        Assert.True(cache.TryGet("replay", out _));
        Assert.True(cache.TryGet("routing", out _));
    }

    [Fact]
    public void TryGet_LongText_IsFoundAgain()
    {
        var text = string.Concat(Enumerable.Repeat("événement rejoué ", 200));
        VectorCache.Open(_directory, "model-a", 3).Add([(text, [1f, 0f, 0f])]);

        var again = VectorCache.Open(_directory, "model-a", 3);

        Assert.True(again.TryGet(text, out _));
        Assert.False(again.TryGet(text + ".", out _));
    }

    private string CacheFile() => Directory.GetFiles(_directory).Single();

    private void Truncate(int bytes)
    {
        using var stream = new FileStream(CacheFile(), FileMode.Open);
        stream.SetLength(stream.Length - bytes);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
