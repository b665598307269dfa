using System.ComponentModel.DataAnnotations;

namespace PickBot.Playground;

/// <summary>The local playground page and its JSON API (configuration section <c>Playground</c>).</summary>
public sealed class PlaygroundOptions
{
    public const string SectionName = "Playground";

    /// <summary>Serve <c>GET /</c>, <c>POST /api/ask</c> and <c>GET /api/status</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Needed only when the host listens on a non-loopback address: without it the playground is off there; with it,
    /// requests must carry it (header <c>X-PickBot-Token</c> or query <c>?token=</c>). A secret: set it through the
    /// environment (<c>Playground__AdminToken</c>), never in appsettings.json.
    /// </summary>
    [MinLength(16, ErrorMessage = "Playground:AdminToken must be at least 16 characters; generate one with `openssl rand -hex 24`")]
    public string? AdminToken { get; set; }

    /// <summary>
    /// How many <c>POST /api/ask</c> the playground answers per minute, all visitors together (a burst of this many,
    /// then a steady share); more get 429 with Retry-After.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Playground:AskPerMinute must be between 1 and 1000000")]
    public int AskPerMinute { get; set; } = 120;
}
