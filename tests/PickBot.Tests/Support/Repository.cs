namespace PickBot.Tests.Support;

/// <summary>Finds the repository root from the test binaries, so tests can read or copy the real knowledge.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string SeedFile => Path.Combine(Root, "knowledge", "ml", "multi-task-vs-single-task-learning.yaml");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PickBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PickBot.sln not found above " + AppContext.BaseDirectory);
    }
}
