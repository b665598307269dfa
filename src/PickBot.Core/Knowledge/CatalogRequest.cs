namespace PickBot.Core.Knowledge;

/// <summary>
/// "list" alone or with one area or tag: a request for the catalogue, the same in Slack, the playground and
/// <c>pickbot ask</c>. "list vs array for ..." is a question about lists.
/// </summary>
public static class CatalogRequest
{
    /// <summary>
    /// Whether <paramref name="text"/> asks for the catalogue; <paramref name="filter"/> is its area or tag, or empty.
    /// Read in place rather than split into words: every question passes here.
    /// </summary>
    public static bool TryParse(string? text, out string filter)
    {
        filter = string.Empty;
        var trimmed = (text ?? string.Empty).AsSpan().Trim();
        var space = IndexOfWhiteSpace(trimmed);
        if (!(space < 0 ? trimmed : trimmed[..space]).Equals("list", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (space < 0)
        {
            return true;
        }

        // The text is trimmed, so what follows the first gap is one word exactly when it has no gap of its own.
        var rest = trimmed[space..].TrimStart();
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
