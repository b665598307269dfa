using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;

namespace PickBot.Cli;

internal static class AskCommand
{
    public const string RephrasedMarker = "(reworded by the LLM from this entry; the pick is PickBot's)";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var parsed = new CliArguments("ask", args, ["--json"]);
        var configuration = CliKnowledge.Configuration();
        var kb = CliKnowledge.Load();
        CliKnowledge.ReportErrors(kb, error);
        if (kb.Comparisons.Count == 0)
        {
            error.WriteLine("pickbot: no comparisons could be loaded, so there is nothing to answer from");
            return CommandLine.Failed;
        }

        await using var services = CliServices.Build(configuration, new KnowledgeStore(kb));
        var answerer = CliServices.Answerer(services, error);
        if (answerer is null)
        {
            return CommandLine.Failed;
        }

        await CliServices.EnableMeaningAsync(services);
        var json = parsed.Has("--json");
        if (parsed.Positional.Count > 0)
        {
            Write(await answerer.AnswerAsync(string.Join(' ', parsed.Positional)), json, output);
            return CommandLine.Ok;
        }

        var first = true;
        while (await input.ReadLineAsync() is { } line)
        {
            if (!json && !first)
            {
                output.WriteLine();
            }

            Write(await answerer.AnswerAsync(line), json, output);
            first = false;
        }

        return CommandLine.Ok;
    }

    private static void Write(ConversationalAnswer result, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(AnswerDocument.From(result.Answer, result.Rephrased).ToJson());
        }
        else if (result.Rephrased is null)
        {
            output.WriteLine(AnswerText.Render(result.Answer));
        }
        else
        {
            var answer = result.Answer;
            output.WriteLine($"Pick: {answer.Pick!.Name}   ({answer.Entry!.Title}{(answer.Inferred ? ", inferred from your question" : string.Empty)})");
            output.WriteLine(result.Rephrased);
            output.WriteLine(RephrasedMarker);
            if (answer.Sources.Count > 0)
            {
                output.WriteLine("Sources:");
                foreach (var source in answer.Sources)
                {
                    output.WriteLine($"  - {source.Title} <{source.Url}>");
                }
            }
        }
    }
}
