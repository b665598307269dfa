using System.Text.Json.Nodes;

namespace PickBot.Slack.SocketMode;

/// <summary>
/// Where Socket Mode hands its envelopes: the same handlers the HTTP endpoints use. A seam because the transport is
/// tested without the bot behind it, and the bot without the transport.
/// </summary>
public interface ISocketModeDispatcher
{
    /// <summary>
    /// Called before the ack, for every data envelope: whether to ack it at all (an event that could not be queued is
    /// left unacked so Slack redelivers it) and the ack's payload (the slash command answer, used only where the
    /// envelope accepts_response_payload). Must finish well within Slack's 3-second window.
    /// </summary>
    ValueTask<SocketModeAck> AcceptAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>Called after the ack: the work the envelope asks for that may take longer (handle a click).</summary>
    ValueTask HandleAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>What to answer a Socket Mode envelope with: an ack (with an optional payload), or nothing at all.</summary>
/// <param name="Send">False leaves the envelope unacked: Slack delivers it again (with a higher retry_attempt).</param>
public sealed record SocketModeAck(bool Send, JsonNode? Payload = null)
{
    /// <summary>An ack without a payload.</summary>
    public static SocketModeAck Bare { get; } = new(true);

    /// <summary>No ack: the envelope was not accepted and Slack should redeliver it.</summary>
    public static SocketModeAck Withheld { get; } = new(false);

    public static SocketModeAck With(JsonNode? payload) => new(true, payload);
}
