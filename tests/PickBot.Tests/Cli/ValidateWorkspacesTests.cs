using PickBot.Cli;
using PickBot.Tests.Support;

namespace PickBot.Tests.Cli;

public sealed class ValidateWorkspacesTests : IDisposable
{
    private readonly string _workspaces = Directory.CreateTempSubdirectory("pickbot-validate-workspaces-").FullName;

    public void Dispose() => TempFolder.Delete(_workspaces);

    [Fact]
    public void Run_WorkspacesFolder_ChecksEveryFolderAndFailsOnTheBrokenOne()
    {
        var seed = File.ReadAllText(Repository.SeedFile);
        Write("TGOOD", seed.Replace("title: Multi-Task Learning vs Single Task Learning", "title: Our own take", StringComparison.Ordinal));
        Write("TBAD", seed.Replace("title: Multi-Task Learning vs Single Task Learning", "title: Broken take", StringComparison.Ordinal).Replace("area: ml", "area: [ml", StringComparison.Ordinal));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ValidateCommand.Run([Repository.Knowledge, "--workspaces", _workspaces], output, error);

        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("workspace TGOOD:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("workspace TBAD:", error.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"workspace TGOOD: \d+ comparisons and \d+ options; 0 errors", error.ToString());
        Assert.Contains(Path.Combine("TBAD", "mtl.yaml"), output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Path.Combine("TGOOD", "mtl.yaml"), output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SoundWorkspaces_ExitsZero()
    {
        Write("TGOOD", File.ReadAllText(Repository.SeedFile).Replace("title: Multi-Task Learning vs Single Task Learning", "title: Our own take", StringComparison.Ordinal));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ValidateCommand.Run([Repository.Knowledge, "--workspaces", _workspaces], output, error);

        Assert.Equal(CommandLine.Ok, exit);
    }

    private void Write(string workspace, string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_workspaces, workspace)).FullName;
        File.WriteAllText(Path.Combine(folder, "mtl.yaml"), text);
    }
}
