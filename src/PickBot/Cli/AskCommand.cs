using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Cli;

internal static class AskCommand
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var parsed = new CliArguments("ask", args, ["--json"]);
        var kb = CliKnowledge.Load();
        CliKnowledge.ReportErrors(kb, error);
        if (kb.Comparisons.Count == 0)
        {
            error.WriteLine("pickbot: no comparisons could be loaded, so there is nothing to answer from");
            return CommandLine.Failed;
        }

        var engine = new PickEngine(new KnowledgeStore(kb));
        var json = parsed.Has("--json");
        if (parsed.Positional.Count > 0)
        {
            Write(engine.Ask(string.Join(' ', parsed.Positional)), json, output);
            return CommandLine.Ok;
        }

        var first = true;
        while (input.ReadLine() is { } line)
        {
            if (!json && !first)
            {
                output.WriteLine();
            }

            Write(engine.Ask(line), json, output);
            first = false;
        }

        return CommandLine.Ok;
    }

    private static void Write(Answer answer, bool json, TextWriter output) =>
        output.WriteLine(json ? AnswerDocument.From(answer).ToJson() : AnswerText.Render(answer));
}
