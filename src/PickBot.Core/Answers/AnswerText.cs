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

        if (answer.FromMeaning)
        {
            text.Append("You seem to be asking about ").Append(answer.Entry!.Title).AppendLine(".");
        }

        text.Append("Pick: ").Append(answer.Pick!.Name).Append("   (").Append(answer.Entry!.Title).AppendLine(answer.Inferred ? ", inferred from your question)" : ")");
        foreach (var correction in answer.Corrections)
        {
            text.Append("Read as: ").AppendLine(correction);
        }

        text.Append("Why: ").AppendLine(answer.Justification);
        text.Append("Decided by: ").AppendLine(answer.DecidedBy.Count > 0
            ? string.Join(", ", answer.DecidedBy.Select(w => answer.ReadAs(w) is { } read ? $"\"{w}\" (read as \"{read}\")" : $"\"{w}\""))
            : "nothing in your question pointed either way, so this is the default pick");
        if (answer.BothSides is { } sides)
        {
            text.Append("Both sides: ").AppendLine(sides);
        }
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
}
