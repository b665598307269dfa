using System.ComponentModel.DataAnnotations;

namespace PickBot.Slack.Admin;

/// <summary>
/// Who administers PickBot in Slack and how hard <c>/pick</c> may be used. Bound to the <c>Slack</c> section beside
/// <c>SlackOptions</c>: <c>Slack:AdminUserIds</c>, <c>Slack:AdminChannel</c>, <c>Slack:PickRequestsPerMinute</c>.
/// </summary>
public sealed class SlackAdminOptions
{
    public const string SectionName = "Slack";

    /// <summary>
    /// Slack user ids (U…/W…) allowed to run <c>/pick reload</c> and <c>/pick status</c>, and told about knowledge
    /// problems. An entry may hold several ids separated by commas or spaces, so one environment variable
    /// (<c>Slack__AdminUserIds__0="U012AB3CD,U045EF6GH"</c>) is enough.
    /// </summary>
    public string[] AdminUserIds { get; set; } = [];

    /// <summary>A channel id (C…) for admin notices; when empty, each admin gets a direct message.</summary>
    [RegularExpression("^[CGD][A-Z0-9]{2,}$", ErrorMessage = "Slack:AdminChannel must be a channel id such as C012AB3CD")]
    public string? AdminChannel { get; set; }

    /// <summary>How many <c>/pick</c> commands one person may send per minute; 0 turns the limit off.</summary>
    [Range(0, 10_000)]
    public int PickRequestsPerMinute { get; set; } = 20;

    /// <summary>The admin ids, split and de-duplicated.</summary>
    public IReadOnlySet<string> Admins() => AdminUserIds
        .SelectMany(entry => (entry ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .ToHashSet(StringComparer.Ordinal);
}
