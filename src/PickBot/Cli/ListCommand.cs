using System.Text.Json;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Cli;

internal static class ListCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = new CliArguments("list", args, ["--json"]);
        if (parsed.Positional.Count > 1)
        {
            throw new UsageException("list takes at most one area or tag");
        }

        var kb = CliKnowledge.Load();
        CliKnowledge.ReportErrors(kb, error);
        var filter = parsed.Positional.Count == 1 ? parsed.Positional[0] : null;
        var entries = KnowledgeCatalog.Filter(kb, filter);
        if (parsed.Has("--json"))
        {
            var items = entries.Select(c => new
            {
                id = c.Id,
                title = c.Title,
                area = c.Area,
                tags = c.Tags,
                options = c.OptionIds.ToList(),
                optionNames = c.OptionIds.Select(kb.OptionName).ToList(),
            });
            output.WriteLine(JsonSerializer.Serialize(items, AnswerDocument.JsonOptions));
            return kb.Comparisons.Count == 0 ? CommandLine.Failed : CommandLine.Ok;
        }

        output.WriteLine(KnowledgeCatalog.Render(kb, filter));
        return kb.Comparisons.Count == 0 ? CommandLine.Failed : CommandLine.Ok;
    }
}
