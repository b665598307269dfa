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

        var documents = new List<KnowledgeDocument>(files.Count);
        var problems = new List<KnowledgeProblem>();
        foreach (var file in files)
        {
            var shown = Relative(file);
            try
            {
                documents.Add(new KnowledgeDocument(shown, File.ReadAllText(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new KnowledgeProblem(new SourceLocation(shown, 1, 1), $"cannot read file: {e.Message}"));
            }
        }

        return new KnowledgeSourceSnapshot(documents, problems);
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
    private static string Relative(string file)
    {
        var relative = System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}
