using System.Diagnostics;
using PickBot.Core.Knowledge;

namespace PickBot.Core.Tests.Knowledge;

public sealed class DirectoryKnowledgeSourceTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pickbot-special-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Read_FifoNamedYaml_SkippedWithAWarningAndEveryLaterReadStaysQuick()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.WriteAllText(Path.Combine(_folder.FullName, "a.yaml"), "comparisons: []");
        File.WriteAllText(Path.Combine(_folder.FullName, "empty.yaml"), "");
        var fifo = Path.Combine(_folder.FullName, "pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var sut = new DirectoryKnowledgeSource(_folder.FullName);
        try
        {
            var first = Stopwatch.StartNew();
            var snapshot = sut.Read();
            first.Stop();
            var second = Stopwatch.StartNew();
            var again = sut.Read();
            second.Stop();

            Assert.Equal(["a.yaml", "empty.yaml"], snapshot.Documents.Select(d => Path.GetFileName(d.Path)));
            var problem = Assert.Single(snapshot.Problems);
            Assert.False(problem.IsError);
            Assert.EndsWith("pipe.yaml", problem.Location.Path, StringComparison.Ordinal);
            Assert.Contains("not a regular file", problem.Message, StringComparison.Ordinal);
            Assert.Equal(2, again.Documents.Count);
            Assert.Single(again.Problems);

            // Bounds, not speed targets: a blocked read never returns at all.
            Assert.True(first.Elapsed < TimeSpan.FromSeconds(30), $"first read took {first.Elapsed}");
            Assert.True(second.Elapsed < TimeSpan.FromSeconds(30), $"second read took {second.Elapsed}");
        }
        finally
        {
            // Opening the write end lets the probe that is still blocked on the read end finish.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }
        }
    }
}
