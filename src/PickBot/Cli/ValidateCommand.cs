namespace PickBot.Cli;

internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = new CliArguments("validate", args, []);
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
        return errors == 0 ? CommandLine.Ok : CommandLine.Failed;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
