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

        if (LeftOut(answer) is { } leftOut)
        {
            text.AppendLine(leftOut);
        }

        text.Append("Why: ").AppendLine(answer.Justification);
        text.Append("Decided by: ").AppendLine(answer.DecidedBy.Count > 0
            ? string.Join(", ", answer.DecidedBy.Select((w, i) => Quote(w, i < answer.Attributions.Count ? answer.Attributions[i].Author : null, answer.ReadAs(w))))
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

    /// <summary>"Left out: Apache Kafka is not part of Redis vs Memcached; ask about it on its own.", or null.</summary>
    public static string? LeftOut(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var left = answer.LeftOut;
        if (left.Count == 0)
        {
            return null;
        }

        var names = left.Count == 1 ? left[0].Name : string.Join(", ", left.Take(left.Count - 1).Select(o => o.Name)) + " and " + left[^1].Name;
        return left.Count == 1
            ? $"Left out: {names} is not part of {answer.Entry!.Title}; ask about it on its own."
            : $"Left out: {names} are not part of {answer.Entry!.Title}; ask about them on their own.";
    }

    /// <summary>
    /// "words"; "words" (Ana) when someone in the conversation wrote them; "words" (read as "phrase") when they were
    /// understood by meaning; "words" (Ana; read as "phrase") for both.
    /// </summary>
    public static string Quote(string words, string? author, string? readAs = null) => (author, readAs) switch
    {
        (null, null) => $"\"{words}\"",
        (_, null) => $"\"{words}\" ({author})",
        (null, _) => $"\"{words}\" (read as \"{readAs}\")",
        _ => $"\"{words}\" ({author}; read as \"{readAs}\")",
    };
}
