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
        error.WriteLine($"{kb.Comparisons.Count} comparisons and {kb.Options.Count} options served; {errors} errors, {warnings} warnings");
        return errors == 0 ? CommandLine.Ok : CommandLine.Failed;
    }
}
