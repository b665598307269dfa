using System.ComponentModel.DataAnnotations;

namespace PickBot.Slack;

/// <summary>
/// The Slack adapter's settings (section "Slack"). The two secrets come from the environment only
/// (<c>Slack__SigningSecret</c>, <c>Slack__BotToken</c>); everything else has a working default.
/// </summary>
public sealed class SlackOptions : IValidatableObject
{
    public const string SectionName = "Slack";

    public const string InChannel = "in_channel";
    public const string Ephemeral = "ephemeral";

    /// <summary>Verifies that requests come from Slack. Without it every Slack endpoint answers 401.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (xoxb-...) for the Web API. Without it, mentions are understood but cannot be answered.</summary>
    public string? BotToken { get; set; }

    /// <summary>Where the Web API lives; a test or a proxy points this elsewhere.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>PickBot's own user id; found with auth.test at start when empty.</summary>
    public string? BotUserId { get; set; }

    /// <summary>The slash command PickBot answers.</summary>
    [Required]
    public string CommandName { get; set; } = "/pick";

    /// <summary>How a pick answers a slash command: in_channel (everyone sees it) or ephemeral.</summary>
    [Required]
    public string CommandResponseType { get; set; } = InChannel;

    /// <summary>Requests above this size get 413 before any parsing; Slack's payloads are a few kilobytes.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Work accepted but not yet done (mentions, direct messages, interaction replies).</summary>
    [Range(1, 1_000_000)]
    public int MentionQueueCapacity { get; set; } = 1000;

    /// <summary>
    /// When the queue is full, how long an incoming event waits for a free slot before it is refused (HTTP 503 or
    /// no Socket Mode ack) so that Slack delivers it again. Under sustained load this slows acks down to the answer
    /// rate instead of refusing at once. Must stay well inside Slack's 3-second ack window; zero refuses at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:02.500")]
    public TimeSpan EnqueueWait { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>How many queued items are worked on at once.</summary>
    [Range(1, 64)]
    public int MentionWorkers { get; set; } = 4;

    /// <summary>
    /// On shutdown, how long the workers keep answering what is already queued; whatever is left after it stays in the
    /// intake journal and is answered at the next start. Keep it below the host's shutdown timeout (30 s by default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts at delivering one acknowledged answer while Slack is down or slow, before it is given up (logged).</summary>
    [Range(1, 100)]
    public int DeliveryAttempts { get; set; } = 5;

    /// <summary>The wait before the next delivery attempt, times the attempts so far (30 s, 60 s, 90 s, ...).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an event id is remembered, so Slack's retries (up to 5 minutes later) are answered once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan EventDedupeWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Retries of one Web API call after the first attempt.</summary>
    [Range(0, 10)]
    public int RetryMaxAttempts { get; set; } = 4;

    /// <summary>First backoff delay for 5xx and timeouts; doubles per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait, including a Retry-After that Slack asks for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>One attempt of one Web API call.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A Web API call with all its retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public bool HasSigningSecret => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"Slack:ApiBaseUrl must be an absolute http(s) URL, not '{ApiBaseUrl}'", [nameof(ApiBaseUrl)]);
        }

        if (CommandResponseType is not InChannel and not Ephemeral)
        {
            yield return new ValidationResult($"Slack:CommandResponseType must be '{InChannel}' or '{Ephemeral}', not '{CommandResponseType}'", [nameof(CommandResponseType)]);
        }

        if (!CommandName.StartsWith('/') || CommandName.Length < 2)
        {
            yield return new ValidationResult($"Slack:CommandName must start with '/', not '{CommandName}'", [nameof(CommandName)]);
        }

        if (TotalTimeout < AttemptTimeout)
        {
            yield return new ValidationResult("Slack:TotalTimeout must be at least Slack:AttemptTimeout", [nameof(TotalTimeout)]);
        }
    }

    /// <summary>The base address with the trailing slash that relative method names need.</summary>
    internal Uri ApiBaseUri => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}
