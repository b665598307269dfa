using System.Text.Json;

namespace PickBot.Slack.SocketMode;

/// <summary>
/// One message from a Socket Mode WebSocket: <c>hello</c>, <c>disconnect</c>, or a data envelope
/// (<c>events_api</c>, <c>slash_commands</c>, <c>interactive</c>) that must be acked by <see cref="EnvelopeId"/>.
/// </summary>
/// <param name="Payload">The inner payload (an Events API envelope, slash command fields, an interaction); Undefined when absent.</param>
/// <param name="Reason">For <c>disconnect</c>: warning, refresh_requested, link_disabled.</param>
public sealed record SocketModeEnvelope(
    string Type,
    string? EnvelopeId,
    JsonElement Payload,
    bool AcceptsResponsePayload,
    int RetryAttempt,
    string? RetryReason,
    string? Reason,
    int? NumConnections)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string EventsApi = "events_api";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";

    public const string ReasonWarning = "warning";
    public const string ReasonRefreshRequested = "refresh_requested";
    public const string ReasonLinkDisabled = "link_disabled";

    /// <summary>A data envelope that Slack waits to see acked.</summary>
    public bool NeedsAck => !string.IsNullOrEmpty(EnvelopeId);

    /// <summary>Parses one WebSocket text message; null with a reason for anything that is not a JSON object with a type.</summary>
    public static SocketModeEnvelope? Parse(ReadOnlySpan<byte> utf8Json, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"expected a JSON object, got {root.ValueKind}";
                return null;
            }

            var type = String(root, "type");
            if (string.IsNullOrEmpty(type))
            {
                error = "message without a type";
                return null;
            }

            error = null;
            return new SocketModeEnvelope(
                type,
                String(root, "envelope_id"),
                root.TryGetProperty("payload", out var payload) ? payload.Clone() : default,
                root.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True,
                root.TryGetProperty("retry_attempt", out var retry) && retry.ValueKind == JsonValueKind.Number && retry.TryGetInt32(out var attempt) ? attempt : 0,
                String(root, "retry_reason"),
                String(root, "reason"),
                root.TryGetProperty("num_connections", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var count) ? count : null);
        }
        catch (JsonException e)
        {
            error = "malformed JSON: " + e.Message;
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
