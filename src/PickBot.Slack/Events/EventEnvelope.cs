namespace PickBot.Slack.Events;

/// <summary>
/// The outer Events API envelope (<c>event_callback</c> or <c>url_verification</c>). Only the fields PickBot reads;
/// Slack adds fields over time and unknown ones are ignored.
/// </summary>
public sealed record EventEnvelope
{
    public string? Type { get; init; }

    public string? Challenge { get; init; }

    public string? TeamId { get; init; }

    public string? ApiAppId { get; init; }

    public string? EventId { get; init; }

    public long? EventTime { get; init; }

    public SlackEvent? Event { get; init; }

    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";
}
