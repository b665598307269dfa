using PickBot.Core.Knowledge;

namespace PickBot.Cli;

internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = new CliArguments("validate", args, [], ["--workspaces"]);
        if (parsed.Positional.Count > 1)
        {
            throw new UsageException("validate takes at most one folder");
        }

        var kb = CliKnowledge.Load(parsed.Positional.Count == 1 ? parsed.Positional[0] : null);
        foreach (var problem in kb.Problems)
        {
            output.WriteLine(problem);
        }

        var errors = kb.Problems.Count(p => p.IsError);
        var warnings = kb.Problems.Count - errors;
        error.WriteLine($"{Count(kb.Comparisons.Count, "comparison")} and {Count(kb.Options.Count, "option")} without errors; {Count(errors, "error")}, {Count(warnings, "warning")}");
        var options = CliKnowledge.Options(CliKnowledge.Configuration());
        var sharedPath = parsed.Positional.Count == 1 ? parsed.Positional[0] : options.Path;
        var workspaces = parsed.Value("--workspaces") ?? options.WorkspacesPath;
        return errors == 0 & ValidateWorkspaces(kb, sharedPath, workspaces, options.ReviewMaxAgeDays, output, error) ? CommandLine.Ok : CommandLine.Failed;
    }

    /// <summary>
    /// Each folder under Knowledge:WorkspacesPath, loaded as that workspace is served (the shared set with its entries
    /// on top); only what the folder adds to the shared set's problems is printed.
    /// </summary>
    internal static bool ValidateWorkspaces(KnowledgeBase shared, string sharedPath, string? workspacesPath, int reviewMaxAgeDays, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(workspacesPath))
        {
            return true;
        }

        if (!Directory.Exists(workspacesPath))
        {
            error.WriteLine($"workspaces folder not found: {Path.GetFullPath(workspacesPath)}");
            return false;
        }

        var known = shared.Problems.Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        var loader = new KnowledgeLoader(TimeProvider.System, reviewMaxAgeDays);
        var sharedSource = new DirectoryKnowledgeSource(sharedPath);
        var ok = true;
        foreach (var folder in Directory.GetDirectories(workspacesPath).Order(StringComparer.Ordinal))
        {
            var workspace = Path.GetFileName(folder);
            var kb = loader.Load(new WorkspaceKnowledgeSource(sharedSource, workspace, folder));
            var added = kb.Problems.Where(p => !known.Contains(p.ToString())).ToList();
            foreach (var problem in added)
            {
                output.WriteLine(problem);
            }

            var errors = added.Count(p => p.IsError);
            error.WriteLine($"workspace {workspace}: {Count(kb.Comparisons.Count, "comparison")} and {Count(kb.Options.Count, "option")}; {Count(errors, "error")}, {Count(added.Count - errors, "warning")} of its own");
            ok &= errors == 0;
        }

        return ok;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
