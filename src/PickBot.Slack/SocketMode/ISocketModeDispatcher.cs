using System.Text.Json.Nodes;

namespace PickBot.Slack.SocketMode;

/// <summary>
/// Where Socket Mode hands its envelopes: the same handlers the HTTP endpoints use. A seam because the transport is
/// tested without the bot behind it, and the bot without the transport.
/// </summary>
public interface ISocketModeDispatcher
{
    /// <summary>
    /// Called before the ack, only for envelopes with accepts_response_payload: the ack's payload (the slash command
    /// answer), or null for a bare ack. Must finish well within Slack's 3-second window.
    /// </summary>
    ValueTask<JsonNode?> RespondAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>Called after the ack: the work the envelope asks for (dedupe and queue an event, handle a click).</summary>
    ValueTask HandleAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken);
}
