using System.Collections.Concurrent;
using System.Text;

namespace PickBot.Core.Knowledge;

/// <summary>Every <c>*.yaml</c> and <c>*.yml</c> file below a folder, recursively, except the JSON schema folder.</summary>
public sealed class DirectoryKnowledgeSource(string path) : IKnowledgeSource
{
    /// <summary>How long an empty-looking entry may take to open before it counts as a special file.</summary>
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Probes still blocked in open(2) (a FIFO nobody writes to): a later read skips the path at once instead of
    /// leaving one more thread behind it.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Task<bool>> BlockedProbes = new(StringComparer.Ordinal);

    public string FullPath { get; } = System.IO.Path.GetFullPath(path);

    public string Description => $"knowledge folder {FullPath}";

    public KnowledgeSourceSnapshot Read()
    {
        if (!Directory.Exists(FullPath))
        {
            return Fail($"knowledge folder not found: {FullPath} (set Knowledge:Path or Knowledge__Path)");
        }

        var files = Directory.EnumerateFiles(FullPath, "*.*", SearchOption.AllDirectories)
            .Where(f => IsKnowledgeFile(System.IO.Path.GetRelativePath(FullPath, f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            return Fail($"knowledge folder has no .yaml or .yml files: {FullPath}");
        }

        // One file after another: reading in parallel was slower here (the reads contend in the kernel), and once the
        // files are cached a read is mostly a few system calls.
        var here = Directory.GetCurrentDirectory();
        var documents = new List<KnowledgeDocument>(files.Count);
        var problems = new List<KnowledgeProblem>();
        foreach (var file in files)
        {
            var shown = Relative(file, here);
            try
            {
                // A FIFO, device or socket reports length 0, like an empty file; opening a FIFO blocks until someone
                // writes, and /dev/zero never ends. Only a real, empty file is read as one.
                if (new FileInfo(file).Length == 0 && !IsEmptyRegularFile(file))
                {
                    problems.Add(new KnowledgeProblem(new SourceLocation(shown, 1, 1), "skipped: not a regular file (a FIFO, device or socket?)", ProblemSeverity.Warning));
                    continue;
                }

                documents.Add(new KnowledgeDocument(shown, ReadText(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new KnowledgeProblem(new SourceLocation(shown, 1, 1), $"cannot read file: {e.Message}"));
            }
        }

        return new KnowledgeSourceSnapshot(documents, problems);
    }

    /// <summary>
    /// Whether a zero-length entry opens at once and is at its end: an empty file. Anything that blocks, or has a byte
    /// to give, is special.
    /// </summary>
    private static bool IsEmptyRegularFile(string file)
    {
        if (BlockedProbes.TryGetValue(file, out var blocked))
        {
            if (!blocked.IsCompleted)
            {
                return false;
            }

            BlockedProbes.TryRemove(file, out _);
        }

        // On a thread of its own: a busy thread pool must not make an empty file look like one that blocks.
        var probe = Task.Factory.StartNew(
            () =>
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
                return stream.ReadByte() < 0;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        if (probe.Wait(ProbeWait))
        {
            return probe.Result;
        }

        BlockedProbes[file] = probe;
        return false;
    }

    private KnowledgeSourceSnapshot Fail(string message) =>
        new([], [new KnowledgeProblem(new SourceLocation(FullPath, 1, 1), message)]);

    private static bool IsKnowledgeFile(string relativePath)
    {
        var extension = System.IO.Path.GetExtension(relativePath.AsSpan());
        if (!extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // The evaluation set and editor schema live beside the knowledge but are not knowledge.
        foreach (var part in relativePath.AsSpan().Split(System.IO.Path.DirectorySeparatorChar))
        {
            if (relativePath.AsSpan(part) is "schema" or "eval")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <see cref="File.ReadAllText(string)"/> without its stream and reader buffers (a large share of reading a big
    /// library): one read of the whole file, decoded as UTF-8 with or without its byte-order mark. Any other
    /// byte-order mark (UTF-16, UTF-32) goes to ReadAllText, which detects it.
    /// </summary>
    private static string ReadText(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return Encoding.UTF8.GetString(bytes.AsSpan(3));
        }

        return bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0, 0, 0xFE, 0xFF, ..] ? File.ReadAllText(file) : Encoding.UTF8.GetString(bytes);
    }

    // Paths relative to the current directory read best in editors and CI logs; fall back to the full path.
    private static string Relative(string file, string here)
    {
        var relative = System.IO.Path.GetRelativePath(here, file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}
