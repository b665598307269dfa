using System.Text;
using System.Text.Json;
using Microsoft.SemanticKernel.ChatCompletion;
using PickBot.Core.Rephrasing;

namespace PickBot.Llm;

/// <summary>
/// The prompt that maps an unplaced question to a comparison id, and the defensive reading of the reply: only an id
/// from the list counts; prose, code fences, invented ids and broken JSON all come out as null.
/// </summary>
internal static class InterpretPrompt
{
    public const string System = """
        You map a question from a software team to one entry of a fixed list of comparisons.
        Reply with JSON only, exactly {"entry": "<id>"} using an id from the list, or {"entry": null} when no entry
        clearly matches what the person is choosing between. Never invent an id.
        """;

    public static ChatHistory Build(string question, IReadOnlyList<ComparisonChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var text = new StringBuilder();
        text.AppendLine("Comparisons (id: title [options]):");
        foreach (var choice in choices)
        {
            text.Append("- ").Append(choice.Id).Append(": ").Append(choice.Title)
                .Append(" [").Append(string.Join(", ", choice.Options)).AppendLine("]");
        }

        text.AppendLine();
        text.Append("Question: ").AppendLine(question.Trim());
        var history = new ChatHistory(System);
        history.AddUserMessage(text.ToString().TrimEnd());
        return history;
    }

    public static string? Parse(string? reply, IReadOnlyList<ComparisonChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (string.IsNullOrWhiteSpace(reply))
        {
            return null;
        }

        // Models wrap JSON in prose or ```json fences: read the outermost object and nothing else.
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        string? id;
        try
        {
            using var json = JsonDocument.Parse(reply.AsMemory(start, end - start + 1));
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("entry", out var entry)
                || entry.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            id = entry.GetString()?.Trim();
        }
        catch (JsonException)
        {
            return null;
        }

        return choices.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))?.Id;
    }
}
