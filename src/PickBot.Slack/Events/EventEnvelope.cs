using PickBot.Slack.Installations;

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

    public string? EnterpriseId { get; init; }

    /// <summary>The installation the event is for (Slack sends one); says whether it is an org-wide install.</summary>
    public IReadOnlyList<EventAuthorization>? Authorizations { get; init; }

    public string? EventId { get; init; }

    public long? EventTime { get; init; }

    public SlackEvent? Event { get; init; }

    /// <summary>Whose event this is, for the token and the knowledge that answer it; null when it names no team.</summary>
    public SlackTeam? Team => Authorizations is [{ } first, ..]
        ? SlackTeam.From(first.TeamId ?? TeamId, first.EnterpriseId ?? EnterpriseId, first.IsEnterpriseInstall)
        : SlackTeam.From(TeamId, EnterpriseId);

    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";
}

/// <summary>One entry of an envelope's <c>authorizations</c>: the installation the event was delivered for.</summary>
public sealed record EventAuthorization(string? EnterpriseId, string? TeamId, string? UserId, bool IsBot = false, bool IsEnterpriseInstall = false);
