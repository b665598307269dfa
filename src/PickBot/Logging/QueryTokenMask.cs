using System.Text;
using System.Text.RegularExpressions;

namespace PickBot.Logging;

/// <summary>
/// Masks the value of a <c>?token=</c> (or <c>&amp;token=</c>) query parameter in a formatted log line. The playground
/// accepts its admin token that way so that a link can open it, and ASP.NET Core's request lines
/// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, HTTP logging) print the whole URL before any middleware could
/// remove it; masking the written line covers every formatter and every category.
/// </summary>
internal static partial class QueryTokenMask
{
    private const string Marker = "token=";

    public static void Apply(StringBuilder line)
    {
        if (!MayContain(line))
        {
            return;
        }

        var text = line.ToString();
        var masked = TokenValue().Replace(text, "***");
        if (!ReferenceEquals(masked, text))
        {
            line.Clear().Append(masked);
        }
    }

    /// <summary>A vectorised search of the line's buffer, without a copy, for the common single-chunk line.</summary>
    private static bool MayContain(StringBuilder line)
    {
        var chunks = 0;
        foreach (var chunk in line.GetChunks())
        {
            if (chunk.Span.IndexOf(Marker, StringComparison.OrdinalIgnoreCase) >= 0 || ++chunks > 1)
            {
                return true;
            }
        }

        return false;
    }

    // The JSON formatter writes '&' as \u0026.
    [GeneratedRegex(@"(?<=(?:[?&;]|\\u0026)token=)[^&\s""'#\\]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenValue();
}
