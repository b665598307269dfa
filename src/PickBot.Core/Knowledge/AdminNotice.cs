using Microsoft.Extensions.Logging;

namespace PickBot.Core.Knowledge;

/// <summary>A message for the admins: one summary line and the details behind it (problems as path:line:col: message).</summary>
public sealed record AdminNotice(LogLevel Level, string Summary, IReadOnlyList<string> Details)
{
    /// <summary>The notice as plain text: the summary, then one detail per line.</summary>
    public string ToText() => Details.Count == 0 ? Summary : Summary + Environment.NewLine + string.Join(Environment.NewLine, Details);
}
