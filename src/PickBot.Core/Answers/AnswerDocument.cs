using System.Text.Json;
using System.Text.Json.Serialization;

namespace PickBot.Core.Answers;

/// <summary>
/// The JSON shape of an answer, shared by <c>pickbot ask --json</c>, the local playground's endpoint and scripts.
/// Field names are a contract: add, never rename.
/// </summary>
public sealed record AnswerDocument(
    bool Matched,
    string Kind,
    string Question,
    string? Entry,
    string? Title,
    string? Pick,
    string? PickId,
    string Justification,
    IReadOnlyList<string> DecidedBy,
    string? Rule,
    bool Tie,
    IReadOnlyList<AlternativeDocument> Otherwise,
    IReadOnlyList<SourceDocument> Sources,
    IReadOnlyList<SuggestionDocument> Suggestions,
    IReadOnlyList<string> Recognised,
    IReadOnlyList<string> Corrections,
    string Message,
    bool Inferred,
    string? Rephrased,
    IReadOnlyList<UnderstoodDocument> Understood,
    IReadOnlyList<SideDocument> Sides,
    string? BothSides)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AnswerDocument From(Answer answer, string? rephrased = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AnswerDocument(
            answer.Matched,
            answer.Kind.ToString().ToLowerInvariant(),
            answer.Question,
            answer.Entry?.Id,
            answer.Entry?.Title,
            answer.Pick?.Name,
            answer.Pick?.Id,
            answer.Justification,
            answer.DecidedBy,
            answer.RuleId,
            answer.Tie,
            answer.Alternatives.Select(a => new AlternativeDocument(a.Option.Name, a.Option.Id, a.When, a.Cues)).ToList(),
            answer.Sources.Select(s => new SourceDocument(s.Title, s.Url)).ToList(),
            answer.Suggestions.Select(s => new SuggestionDocument(s.Text, s.Question, s.ComparisonId)).ToList(),
            answer.Recognised.Select(r => r.Name).ToList(),
            answer.Corrections,
            answer.Message,
            answer.Inferred,
            rephrased,
            UnderstoodOf(answer),
            answer.Sides.Select(d => new SideDocument(d.Option.Name, d.Option.Id, d.Words, d.Strength.ToString().ToLowerInvariant())).ToList(),
            answer.BothSides);
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    // Typo corrections ("kafak → kafka") first, then the rule phrases and meanings the engine recorded.
    private static List<UnderstoodDocument> UnderstoodOf(Answer answer)
    {
        var understood = new List<UnderstoodDocument>(answer.Corrections.Count + answer.Understood.Count);
        foreach (var correction in answer.Corrections)
        {
            var parts = correction.Split(" → ", 2);
            if (parts.Length == 2)
            {
                understood.Add(new UnderstoodDocument(parts[0], parts[1], null, "typo"));
            }
        }

        foreach (var u in answer.Understood)
        {
            understood.Add(new UnderstoodDocument(u.Words, u.ReadAs, u.Similarity, u.Method.ToString().ToLowerInvariant()));
        }

        return understood;
    }
}

/// <summary>Words of the question and what they were read as; <c>similarity</c> is null for a typo, 1 for an exact match.</summary>
public sealed record UnderstoodDocument(string Words, string ReadAs, double? Similarity, string Method);

/// <summary>One option's signals in the question, and how firmly they were stated (hedged, stated, required).</summary>
public sealed record SideDocument(string Option, string OptionId, IReadOnlyList<string> Words, string Strength);

public sealed record AlternativeDocument(string Option, string OptionId, string When, IReadOnlyList<string> Cues);

public sealed record SourceDocument(string Title, string Url);

public sealed record SuggestionDocument(string Text, string Question, string? Entry);
