namespace PickBot.Cli;

internal static class EvalCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        _ = args;
        _ = output;
        error.WriteLine("pickbot: eval is not available yet");
        return CommandLine.Failed;
    }
}
