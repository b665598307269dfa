using System.Globalization;
using System.Text.Json;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Cli;

/// <summary>
/// <c>pickbot explain "QUESTION"</c>: why an answer came out as it did. The rules of the answered comparison with
/// their scores by words and by meaning, the comparisons nearest in meaning, and the confidences that apply, so an
/// admin can see which phrase to add to a rule.
/// </summary>
internal static class ExplainCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = new CliArguments("explain", args, ["--json"]);
        if (parsed.Positional.Count == 0)
        {
            throw new UsageException("explain needs a question, e.g. pickbot explain \"json or protobuf, people read the payloads\"");
        }

        var configuration = CliKnowledge.Configuration();
        var kb = CliKnowledge.Load();
        CliKnowledge.ReportErrors(kb, error);
        await using var services = CliServices.Build(configuration, new KnowledgeStore(kb));
        await CliServices.EnableMeaningAsync(services);
        var explanation = services.GetRequiredService<PickEngine>().Explain(string.Join(' ', parsed.Positional));
        if (parsed.Has("--json"))
        {
            output.WriteLine(JsonSerializer.Serialize(
                new
                {
                    answer = AnswerDocument.From(explanation.Answer),
                    meaningContext = explanation.MeaningContext,
                    rules = explanation.Rules,
                    entries = explanation.Entries,
                    meaning = explanation.Meaning,
                    thresholds = explanation.Thresholds is { } t ? new { t.RuleThreshold, t.RuleMargin, t.EntryThreshold, t.EntryMargin } : null,
                },
                AnswerDocument.JsonOptions));
            return CommandLine.Ok;
        }

        output.WriteLine(AnswerText.Render(explanation.Answer));
        output.WriteLine();
        output.WriteLine($"Meaning: {explanation.Meaning.State}{(explanation.Meaning.Model is { } m ? $" ({m})" : string.Empty)}");
        output.WriteLine($"Context read for meaning: {(explanation.MeaningContext is { } context ? $"\"{context}\"" : "(nothing but names and filler)")}");
        if (explanation.Thresholds is { } o)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Confidences: a rule fires by meaning at {o.RuleThreshold:0.000} (lead {o.RuleMargin:0.000}); a comparison is answered at {o.EntryThreshold:0.000} (lead {o.EntryMargin:0.000})"));
        }

        if (explanation.Rules.Count > 0)
        {
            output.WriteLine($"Rules of {explanation.Answer.Entry!.Id}:");
            foreach (var rule in explanation.Rules)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rule.Method,-8} {rule.Score,6:0.000}  {rule.RuleId} -> {rule.Pick}  ({string.Join(", ", rule.Phrases.Select(p => $"\"{p}\""))})"));
            }
        }

        if (explanation.Entries.Count > 0)
        {
            output.WriteLine("Nearest comparisons by meaning:");
            foreach (var entry in explanation.Entries)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {entry.Similarity,6:0.000}  {entry.Id}  (closest: \"{entry.ClosestText}\")"));
            }
        }

        return CommandLine.Ok;
    }
}
