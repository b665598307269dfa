namespace PickBot.Core.Knowledge;

/// <summary>Every <c>*.yaml</c> and <c>*.yml</c> file below a folder, recursively, except the JSON schema folder.</summary>
public sealed class DirectoryKnowledgeSource(string path) : IKnowledgeSource
{
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

        // Read on all cores when there are many (decoding UTF-8 is most of a read once the files are cached);
        // the results keep the sorted file order.
        var here = Directory.GetCurrentDirectory();
        var read = new (KnowledgeDocument? Document, KnowledgeProblem? Problem)[files.Count];
        if (files.Count < 64)
        {
            for (var i = 0; i < files.Count; i++)
            {
                read[i] = ReadOne(files[i], here);
            }
        }
        else
        {
            Parallel.For(0, files.Count, i => read[i] = ReadOne(files[i], here));
        }

        var documents = new List<KnowledgeDocument>(files.Count);
        var problems = new List<KnowledgeProblem>();
        foreach (var (document, problem) in read)
        {
            if (document is not null)
            {
                documents.Add(document);
            }

            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        return new KnowledgeSourceSnapshot(documents, problems);
    }

    private static (KnowledgeDocument? Document, KnowledgeProblem? Problem) ReadOne(string file, string here)
    {
        var shown = Relative(file, here);
        try
        {
            return (new KnowledgeDocument(shown, File.ReadAllText(file)), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new KnowledgeProblem(new SourceLocation(shown, 1, 1), $"cannot read file: {e.Message}"));
        }
    }

    private KnowledgeSourceSnapshot Fail(string message) =>
        new([], [new KnowledgeProblem(new SourceLocation(FullPath, 1, 1), message)]);

    private static bool IsKnowledgeFile(string relativePath)
    {
        var file = relativePath;
        var extension = System.IO.Path.GetExtension(file);
        if (!extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // The evaluation set and editor schema live beside the knowledge but are not knowledge.
        var parts = file.Split(System.IO.Path.DirectorySeparatorChar);
        return !parts.Contains("schema") && !parts.Contains("eval");
    }

    // Paths relative to the current directory read best in editors and CI logs; fall back to the full path.
    private static string Relative(string file, string here)
    {
        var relative = System.IO.Path.GetRelativePath(here, file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}
