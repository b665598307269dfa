using System.Reflection;
using PickBot.Hosting;

namespace PickBot.Cli;

/// <summary>
/// The one executable's verbs. With no verb, or with host flags only (<c>--urls</c>), it serves; every other verb
/// runs against the knowledge folder and exits. <c>--help</c>, <c>-h</c>, <c>help</c> and <c>--version</c> print and
/// exit before anything else, so asking for help never starts the host.
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
                                   [--workspaces DIR] also each workspace's folder (default: Knowledge:WorkspacesPath)
          list [--json] [AREA|TAG] list the comparisons, grouped by area
          eval [--threshold P] [--calibrate] [--lexical] [FILE|DIR]
                                   run the evaluation set (default: knowledge/eval) and its tiers, and report accuracy
          explain QUESTION         show how a question was read: the top rules and comparisons with their scores
          report [--since DATE] [--json]   unanswered questions, thumbs-down, entries due for review
          help [VERB]              show this text, or one verb's (also: VERB --help)
          --version                print the version

        Exit codes: 0 success; 1 knowledge problems, knowledge not loadable, bad settings, or accuracy below the
        threshold; 2 usage.
        Configuration: appsettings.json in the current directory, then environment variables (Knowledge__Path=...,
        Llm__Enabled=true to let an LLM reword answers; see docs/configuration.md).
        """;

    /// <summary>Each verb's own help: what <c>pickbot VERB --help</c> prints.</summary>
    internal static readonly Dictionary<string, string> VerbHelp = new(StringComparer.Ordinal)
    {
        ["serve"] = """
            Usage: pickbot [serve] [--urls URL[;URL...]]

            Runs the bot: the Slack endpoints (/slack/commands, /slack/events, /slack/interactions), Socket Mode when
            Slack__Mode=Socket, /healthz and the local playground at /. Listens on http://127.0.0.1:5000 unless --urls
            or ASPNETCORE_URLS says otherwise. Settings are checked at start: a bad one stops it with one line naming
            the setting and what it accepts (exit code 1). Settings: docs/configuration.md.
            """,
        ["ask"] = """
            Usage: pickbot ask [--json] [QUESTION...]

            Answers one question (the words after ask), or each line of standard input when no question is given.
              --json   one JSON object per answer (fields: docs/cli.md); `list [AREA]` gives "kind": "list"
            Try: pickbot ask "kafka vs rabbitmq to replay order events"
                 pickbot ask list messaging
            """,
        ["validate"] = """
            Usage: pickbot validate [DIR]

            Checks every knowledge file under DIR (default: Knowledge:Path, normally knowledge/) and prints one
            path:line:col: message line per problem, then a summary. Exit code 1 when there is any error; warnings pass.
            """,
        ["list"] = """
            Usage: pickbot list [--json] [AREA|TAG]

            Lists the comparisons grouped by area, optionally only one area (data, messaging, apis, ...) or tag.
              --json   an array of {id, title, area, tags, options, optionNames}
            """,
        ["eval"] = """
            Usage: pickbot eval [--threshold P] [FILE|DIR]

            Asks every question of the evaluation set (default: knowledge/eval) and prints each miss, accuracy per
            entry and overall. Exit code 1 below the threshold (default 100%, or threshold: in a file).
            """,
        ["report"] = """
            Usage: pickbot report [--since DATE|7d|12h] [--json]

            The admins' to-do list from the feedback store: unanswered questions grouped by wording, thumbs-down by
            entry, and entries due for review (Knowledge:ReviewMaxAgeDays).
            """,
    };

    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CommandLine).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
        var rest = args.Length == 0 || args[0].StartsWith('-') ? args : args[1..];
        if (AsksFor(args, "--version"))
        {
            output.WriteLine($"pickbot {Version}");
            return Ok;
        }

        if (verb == "help")
        {
            return rest.Length == 0 ? PrintUsage(output, Ok) : PrintVerbHelp(rest[0], output, error);
        }

        if (AsksFor(args, "--help", "-h"))
        {
            return args[0].StartsWith('-') ? PrintUsage(output, Ok) : PrintVerbHelp(verb, output, error);
        }

        try
        {
            return verb switch
            {
                "serve" => await ServeCommand.RunAsync(rest, error),
                "ask" => await AskCommand.RunAsync(rest, input, output, error),
                "validate" => ValidateCommand.Run(rest, output, error),
                "list" => ListCommand.Run(rest, output, error),
                "eval" => await EvalCommand.RunAsync(rest, output, error),
                "explain" => await ExplainCommand.RunAsync(rest, output, error),
                "report" => await ReportCommand.RunAsync(rest, output, error),
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

    private static int PrintVerbHelp(string verb, TextWriter output, TextWriter error)
    {
        if (!VerbHelp.TryGetValue(verb, out var help))
        {
            return PrintUsage(error, Usage, $"unknown verb '{verb}'");
        }

        output.WriteLine(help);
        return Ok;
    }

    /// <summary>A flag anywhere before <c>--</c> (after it, everything is a question's words).</summary>
    private static bool AsksFor(string[] args, params string[] flags)
    {
        foreach (var arg in args)
        {
            if (arg == "--")
            {
                return false;
            }

            if (flags.Contains(arg, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A bad verb, flag or argument: printed with the usage text, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
