using System.ComponentModel.DataAnnotations;

namespace PickBot.Slack.Limits;

/// <summary>Per-user question limits (section "RateLimit"): a fixed window, counted per replica or in Redis.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    /// <summary>Questions one user may ask per window.</summary>
    [Range(1, 100_000)]
    public int PerUser { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
