using PickBot.Hosting;

namespace PickBot.Cli;

/// <summary>
/// The one executable's verbs. With no verb, or with host flags only (<c>--urls</c>), it serves; every other verb
/// runs against the knowledge folder and exits.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public const string UsageText = """
        Usage: pickbot [VERB] [OPTIONS]

          serve                    run the bot (the default): Slack endpoints, /healthz, the local playground
          ask [--json] [QUESTION]  answer a question; with no QUESTION, answer each line of standard input
          validate [DIR]           check the knowledge files (default: Knowledge:Path); problems as path:line:col: message
          list [--json] [AREA|TAG] list the comparisons, grouped by area
          eval [--threshold P] [--calibrate] [--lexical] [FILE|DIR]
                                   run the evaluation set (default: knowledge/eval) and its tiers, and report accuracy
          explain QUESTION         show how a question was read: the top rules and comparisons with their scores
          report [--since DATE] [--json]   unanswered questions, thumbs-down, entries due for review
          help                     show this text

        Exit codes: 0 success; 1 knowledge problems, knowledge not loadable, or accuracy below the threshold; 2 usage.
        Configuration: appsettings.json in the current directory, then environment variables (Knowledge__Path=...,
        Llm__Enabled=true to let an LLM reword answers; see the README).
        """;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
        var rest = args.Length == 0 || args[0].StartsWith('-') ? args : args[1..];
        try
        {
            return verb switch
            {
                "serve" => await ServeCommand.RunAsync(rest),
                "ask" => await AskCommand.RunAsync(rest, input, output, error),
                "validate" => ValidateCommand.Run(rest, output, error),
                "list" => ListCommand.Run(rest, output, error),
                "eval" => await EvalCommand.RunAsync(rest, output, error),
                "explain" => await ExplainCommand.RunAsync(rest, output, error),
                "report" => await ReportCommand.RunAsync(rest, output, error),
                "help" or "--help" or "-h" => PrintUsage(output, Ok),
                _ => PrintUsage(error, Usage, $"unknown verb '{verb}'"),
            };
        }
        catch (UsageException e)
        {
            return PrintUsage(error, Usage, e.Message);
        }
    }

    internal static int PrintUsage(TextWriter writer, int code, string? problem = null)
    {
        if (problem is not null)
        {
            writer.WriteLine($"pickbot: {problem}");
        }

        writer.WriteLine(UsageText);
        return code;
    }
}

/// <summary>A bad verb, flag or argument: printed with the usage text, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
