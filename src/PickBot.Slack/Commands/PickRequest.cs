namespace PickBot.Slack.Commands;

/// <summary>What a line typed to PickBot asks for, the same for <c>/pick</c>, a mention and a direct message.</summary>
public sealed record PickRequest(PickRequestKind Kind, string Text)
{
    public static PickRequest Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.Equals("help", StringComparison.OrdinalIgnoreCase))
        {
            return new PickRequest(PickRequestKind.Help, string.Empty);
        }

        return IsList(trimmed, out var filter)
            ? new PickRequest(PickRequestKind.List, filter)
            : new PickRequest(PickRequestKind.Question, trimmed);
    }

    /// <summary>
    /// "list" alone or with one area or tag; "list vs array for ..." is a question about lists. Read in place rather
    /// than split into words: every question passes here.
    /// </summary>
    private static bool IsList(string trimmed, out string filter)
    {
        filter = string.Empty;
        var text = trimmed.AsSpan();
        var space = IndexOfWhiteSpace(text);
        if (!(space < 0 ? text : text[..space]).Equals("list", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (space < 0)
        {
            return true;
        }

        // The text is trimmed, so what follows the first gap is one word exactly when it has no gap of its own.
        var rest = text[space..].TrimStart();
        if (IndexOfWhiteSpace(rest) >= 0)
        {
            return false;
        }

        filter = rest.ToString();
        return true;
    }

    private static int IndexOfWhiteSpace(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

public enum PickRequestKind
{
    Help,

    /// <summary>The catalogue; <see cref="PickRequest.Text"/> is the area or tag filter, or empty.</summary>
    List,
    Question,
}
