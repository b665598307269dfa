namespace PickBot.Tests.Support;

/// <summary>A temporary knowledge folder holding a copy of the seed entry, deleted afterwards.</summary>
internal sealed class KnowledgeFolder : IDisposable
{
    public KnowledgeFolder()
    {
        Path = Directory.CreateTempSubdirectory("pickbot-knowledge-").FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "ml"));
        File.Copy(Repository.SeedFile, SeedPath);
    }

    public string Path { get; }

    public string SeedPath => System.IO.Path.Combine(Path, "ml", "seed.yaml");

    public void Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
