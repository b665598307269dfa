using System.Text.Json;
using System.Text.Json.Serialization;

namespace PickBot.Slack.Formatting;

/// <summary>
/// Which answer a button belongs to, carried in the button's value (at most 2000 characters), so a click can be
/// recorded and "show both sides" can be answered without any server-side state.
/// </summary>
public sealed record AnswerReference(
    [property: JsonPropertyName("q")] string Question,
    [property: JsonPropertyName("e")] string? EntryId,
    [property: JsonPropertyName("p")] string? PickId)
{
    public string Encode()
    {
        var json = JsonSerializer.Serialize(this, SlackJson.Options);
        if (json.Length <= BlockLimits.MaxButtonValue)
        {
            return json;
        }

        // JSON escaping can grow the text, so shorten the question until the whole value fits.
        var question = Question;
        while (json.Length > BlockLimits.MaxButtonValue && question.Length > 0)
        {
            question = question[..Math.Max(0, question.Length - Math.Max(1, json.Length - BlockLimits.MaxButtonValue))];
            if (question.Length > 0 && char.IsHighSurrogate(question[^1]))
            {
                question = question[..^1];
            }

            json = JsonSerializer.Serialize(this with { Question = question + "…" }, SlackJson.Options);
        }

        return json;
    }

    /// <summary>Null when the value is not one of PickBot's (an old button, or a hand-made payload).</summary>
    public static AnswerReference? Decode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            var reference = JsonSerializer.Deserialize<AnswerReference>(value, SlackJson.Options);
            return reference is { Question: not null } ? reference : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
