using System.Text.Json;
using Microsoft.Extensions.Logging;
using PickBot.Slack.Commands;
using PickBot.Slack.Events;
using PickBot.Slack.Interactions;

namespace PickBot.Slack.SocketMode;

/// <summary>
/// Socket Mode envelopes into the handlers the HTTP endpoints use: events_api into <see cref="SlackEventDispatcher"/>
/// before the ack (same dedupe, same queue, same backpressure: not acked when it cannot be queued), slash_commands into <see cref="PickCommandHandler"/> (its answer becomes the ack payload),
/// interactive block_actions into <see cref="InteractionHandler"/> (votes, "show both sides").
/// </summary>
public sealed class SlackSocketModeDispatcher(
    SlackEventDispatcher events,
    PickCommandHandler commands,
    InteractionHandler interactions,
    ILogger<SlackSocketModeDispatcher> logger) : ISocketModeDispatcher
{
    public async ValueTask<SocketModeAck> AcceptAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        switch (envelope.Type)
        {
            case SocketModeEnvelope.SlashCommands when envelope.AcceptsResponsePayload:
                var command = ReadCommand(envelope.Payload);
                if (command is null)
                {
                    logger.LogWarning("Socket Mode slash command envelope {EnvelopeId} without command, user_id or channel_id; acked without an answer", envelope.EnvelopeId);
                    return SocketModeAck.Bare;
                }

                var response = await commands.HandleAsync(command, cancellationToken);
                return SocketModeAck.With(JsonSerializer.SerializeToNode(response, SlackJson.Options));
            case SocketModeEnvelope.EventsApi:
                // Queued before the ack, as over HTTP: an event the full queue cannot take stays unacked and comes back.
                var payload = envelope.Payload.ValueKind == JsonValueKind.Object
                    ? envelope.Payload.Deserialize<EventEnvelope>(SlackJson.Options)
                    : null;
                if (payload is null)
                {
                    logger.LogWarning("Socket Mode events_api envelope {EnvelopeId} without a payload", envelope.EnvelopeId);
                    return SocketModeAck.Bare;
                }

                var result = await events.HandleAsync(payload, envelope.RetryAttempt, envelope.RetryReason, cancellationToken);
                return result == DispatchResult.QueueFull ? SocketModeAck.Withheld : SocketModeAck.Bare;
            default:
                return SocketModeAck.Bare;
        }
    }

    public async ValueTask HandleAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        switch (envelope.Type)
        {
            case SocketModeEnvelope.EventsApi:
                // Queued in AcceptAsync already.
                return;
            case SocketModeEnvelope.SlashCommands:
                // Answered in the ack already.
                return;
            case SocketModeEnvelope.Interactive:
                var interaction = envelope.Payload.ValueKind == JsonValueKind.Object
                    ? envelope.Payload.Deserialize<BlockActionsPayload>(SlackJson.Options)
                    : null;
                if (interaction?.Type != BlockActionsPayload.BlockActions)
                {
                    logger.LogInformation("Ignored Socket Mode interaction of type {Type} (envelope {EnvelopeId})", interaction?.Type, envelope.EnvelopeId);
                    return;
                }

                await interactions.HandleAsync(interaction, cancellationToken);
                return;
            default:
                logger.LogInformation("Socket Mode {Type} envelope {EnvelopeId} acked; PickBot does not handle this type", envelope.Type, envelope.EnvelopeId);
                return;
        }
    }

    private static SlashCommand? ReadCommand(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var command = Field(payload, "command");
        var user = Field(payload, "user_id");
        var channel = Field(payload, "channel_id");
        if (string.IsNullOrWhiteSpace(command) || string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        return new SlashCommand(
            command.Trim(),
            Field(payload, "text") ?? string.Empty,
            user,
            channel,
            Field(payload, "team_id"),
            Field(payload, "user_name"),
            Field(payload, "channel_name"),
            Field(payload, "response_url"),
            Field(payload, "trigger_id"),
            Field(payload, "api_app_id"),
            Field(payload, "enterprise_id"),
            payload.TryGetProperty("is_enterprise_install", out var org) && (org.ValueKind == JsonValueKind.True || (org.ValueKind == JsonValueKind.String && org.GetString() == "true")));
    }

    private static string? Field(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
