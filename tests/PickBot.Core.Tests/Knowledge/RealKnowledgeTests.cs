using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Knowledge;

/// <summary>The knowledge the bot ships with must load without a single error: content mistakes fail CI.</summary>
public sealed class RealKnowledgeTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.Knowledge, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}eval{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repository.Knowledge, file));
        }

        return data;
    }

    [Fact]
    public void Load_RealKnowledgeFolder_HasNoErrors()
    {
        var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(Repository.Knowledge));

        Assert.Empty(kb.Problems.Where(p => p.IsError).Select(p => p.ToString()));
        Assert.NotEmpty(kb.Comparisons);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_EachRealFile_HasNoErrorsOfItsOwn(string file)
    {
        var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(Repository.Knowledge));

        Assert.Empty(kb.Problems.Where(p => p.IsError && p.Location.Path.EndsWith(file, StringComparison.Ordinal)).Select(p => p.ToString()));
    }
}
