using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PickBot.Slack.SocketMode;

namespace PickBot.Slack.Tests.SocketMode;

/// <summary>Stands in for the bot behind the transport: records what it is handed and answers slash commands.</summary>
internal sealed class RecordingDispatcher : ISocketModeDispatcher
{
    private readonly ConcurrentQueue<SocketModeEnvelope> _handled = new();

    /// <summary>Runs inside HandleAsync before it records; lets a test hold the work until it has seen the ack.</summary>
    public Func<SocketModeEnvelope, Task>? BeforeHandle { get; set; }

    public IReadOnlyList<SocketModeEnvelope> Handled => _handled.ToArray();

    public ValueTask<JsonNode?> RespondAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken)
    {
        var text = envelope.Payload.TryGetProperty("text", out var t) ? t.GetString() : null;
        return ValueTask.FromResult<JsonNode?>(new JsonObject { ["response_type"] = "in_channel", ["text"] = "answer to " + text });
    }

    public async ValueTask HandleAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken)
    {
        if (BeforeHandle is { } before)
        {
            await before(envelope);
        }

        _handled.Enqueue(envelope);
    }
}
