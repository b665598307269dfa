namespace PickBot.Benchmarks;

/// <summary>
/// Finds the repository root from wherever BenchmarkDotNet runs the benchmark (it builds and starts a copy of this
/// project in a folder below bin/), so the real knowledge folder can be read without configuration.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PickBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("PickBot.sln not found above the current or the benchmark folder; run from the repository.");
    }

    public static string Knowledge() => Path.Combine(Root(), "knowledge");
}
