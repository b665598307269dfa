using System.ComponentModel.DataAnnotations;

namespace PickBot.Slack.SocketMode;

/// <summary>
/// Socket Mode settings, read from the "Slack" section next to the HTTP adapter's. The app-level token
/// (<c>Slack__AppToken</c>, xapp-...) comes from the environment only and is never logged.
/// </summary>
public sealed class SocketModeOptions : IValidatableObject
{
    public const string SectionName = "Slack";

    /// <summary>Http (default), Socket, or Both.</summary>
    public SlackMode Mode { get; set; } = SlackMode.Http;

    /// <summary>The app-level token with connections:write; required when Mode is Socket or Both.</summary>
    public string? AppToken { get; set; }

    /// <summary>Where apps.connections.open is called: the same Web API base URL as everything else.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>WebSockets kept open at once. Slack delivers each envelope to one of them, so two survive a refresh.</summary>
    [Range(1, 10)]
    public int SocketConnections { get; set; } = 2;

    /// <summary>Delay between opening the connections, so they do not all refresh at the same moment.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan SocketStagger { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait after a failed or refused connection; doubles per failure, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan SocketReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SocketReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A connection that stayed up this long counts as healthy: its loss does not add to the backoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SocketStableAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One apps.connections.open call, or one WebSocket handshake.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan SocketConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection Slack asked us to leave keeps delivering before we close it ourselves.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SocketDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Asks Slack for short-lived (~6 minute) connections, to exercise reconnects before production does.</summary>
    public bool SocketDebugReconnects { get; set; }

    public bool SocketEnabled => Mode is SlackMode.Socket or SlackMode.Both;

    public bool HttpEnabled => Mode is SlackMode.Http or SlackMode.Both;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SocketEnabled && (string.IsNullOrWhiteSpace(AppToken) || !AppToken.StartsWith("xapp-", StringComparison.Ordinal)))
        {
            yield return new ValidationResult(
                $"Slack:Mode is {Mode}, which needs an app-level token (xapp-...) in the environment variable Slack__AppToken",
                [nameof(AppToken)]);
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"Slack:ApiBaseUrl must be an absolute http(s) URL, not '{ApiBaseUrl}'", [nameof(ApiBaseUrl)]);
        }

        if (SocketReconnectMaxDelay < SocketReconnectBaseDelay)
        {
            yield return new ValidationResult("Slack:SocketReconnectMaxDelay must be at least Slack:SocketReconnectBaseDelay", [nameof(SocketReconnectMaxDelay)]);
        }
    }

    internal Uri ApiBaseUri => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}
