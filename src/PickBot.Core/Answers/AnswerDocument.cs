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
    IReadOnlyList<string> LeftOut)
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
            answer.LeftOut.Select(o => o.Name).ToList());
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

public sealed record AlternativeDocument(string Option, string OptionId, string When, IReadOnlyList<string> Cues);

public sealed record SourceDocument(string Title, string Url);

public sealed record SuggestionDocument(string Text, string Question, string? Entry);
