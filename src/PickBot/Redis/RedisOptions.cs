using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace PickBot.Redis;

/// <summary>
/// Shared state for several replicas (section "Redis"). Without a connection string nothing here is used: dedupe stays
/// in process and feedback in SQLite. The connection string may hold a password: environment only
/// (<c>Redis__ConnectionString</c>), never logged.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string SectionName = "Redis";

    /// <summary>StackExchange.Redis configuration, e.g. "redis.internal:6379,password=...,ssl=true".</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix for every key, so one Redis can serve several bots.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9:_\-.]{1,64}$", ErrorMessage = "Redis:KeyPrefix may use letters, digits and : _ - . (at most 64)")]
    public string KeyPrefix { get; set; } = "pickbot:";

    /// <summary>One Redis command; short, because a dedupe check runs inside Slack's 3-second ack window.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often votes kept locally during an outage are offered to Redis again (also right after it returns).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an event claim lasts before its work is journaled (then it lasts Slack:EventDedupeWindow). A replica
    /// that dies in between holds the event this long; Slack retries after about 1 and 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// This replica's name for its intake journal in Redis: stable across restarts, so a restarted replica answers what
    /// it acknowledged, and unique per replica. By default the host name and the data folder (Storage:DataPath); set it
    /// where neither is stable (e.g. a StatefulSet pod name).
    /// </summary>
    [RegularExpression(@"^[A-Za-z0-9:_\-.]{1,128}$", ErrorMessage = "Redis:ReplicaId may use letters, digits and : _ - . (at most 128)")]
    public string? ReplicaId { get; set; }

    /// <summary>A replica silent this long is taken for dead: a live replica adopts and answers its journal.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan ReplicaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            if (ConfigurationOptions.Parse(ConnectionString!).EndPoints.Count == 0)
            {
                problem = "names no host:port";
            }
        }
        catch (ArgumentException e)
        {
            // The message may quote the string, and the string may hold a password: report only the kind of problem.
            problem = e.GetType().Name;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"Redis:ConnectionString is not a valid StackExchange.Redis configuration ({problem})", [nameof(ConnectionString)]);
        }
    }
}
