using System.Text;

namespace PickBot.Core.Answers;

/// <summary>The plain-text rendering of an answer, for the terminal and for any channel without rich formatting.</summary>
public static class AnswerText
{
    public static string Render(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = new StringBuilder();
        if (answer.Kind != AnswerKind.Pick)
        {
            text.AppendLine(answer.Message);
            foreach (var suggestion in answer.Suggestions)
            {
                text.Append("  - ").Append(suggestion.Text).Append("  (ask: ").Append(suggestion.Question).AppendLine(")");
            }

            return text.ToString().TrimEnd();
        }

        text.Append("Pick: ").Append(answer.Pick!.Name).Append("   (").Append(answer.Entry!.Title).AppendLine(answer.Inferred ? ", inferred from your question)" : ")");
        foreach (var correction in answer.Corrections)
        {
            text.Append("Read as: ").AppendLine(correction);
        }

        text.Append("Why: ").AppendLine(answer.Justification);
        text.Append("Decided by: ").AppendLine(answer.DecidedBy.Count > 0
            ? string.Join(", ", answer.DecidedBy.Select((w, i) => Quote(w, i < answer.Attributions.Count ? answer.Attributions[i].Author : null)))
            : "nothing in your question pointed either way, so this is the default pick");
        foreach (var other in answer.Alternatives)
        {
            text.Append("Choose ").Append(other.Option.Name).Append(" instead if: ").AppendLine(other.When);
        }

        if (answer.Sources.Count > 0)
        {
            text.AppendLine("Sources:");
            foreach (var source in answer.Sources)
            {
                text.Append("  - ").Append(source.Title).Append(" <").Append(source.Url).AppendLine(">");
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>"words", or "words" (Ana) when someone in the conversation wrote them.</summary>
    public static string Quote(string words, string? author) => author is null ? $"\"{words}\"" : $"\"{words}\" ({author})";
}
