using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PickBot.Slack.SocketMode;

namespace PickBot.Slack.Tests.SocketMode;

/// <summary>Stands in for the bot behind the transport: records what it is handed and answers slash commands.</summary>
internal sealed class RecordingDispatcher : ISocketModeDispatcher
{
    private readonly ConcurrentQueue<SocketModeEnvelope> _accepted = new();
    private readonly ConcurrentQueue<SocketModeEnvelope> _handled = new();

    /// <summary>Runs inside HandleAsync before it records; lets a test hold the work until it has seen the ack.</summary>
    public Func<SocketModeEnvelope, Task>? BeforeHandle { get; set; }

    /// <summary>Envelopes to refuse (no ack), as the bot does when its queue stays full.</summary>
    public Func<SocketModeEnvelope, bool> Refuse { get; set; } = _ => false;

    /// <summary>Every envelope AcceptAsync decided on, in the order the decisions were made.</summary>
    public IReadOnlyList<SocketModeEnvelope> Decided => _accepted.ToArray();

    public IReadOnlyList<SocketModeEnvelope> Handled => _handled.ToArray();

    public ValueTask<SocketModeAck> AcceptAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken)
    {
        var decision = Refuse(envelope) ? SocketModeAck.Withheld : SocketModeAck.Bare;
        if (decision.Send && envelope.Type == SocketModeEnvelope.SlashCommands)
        {
            var text = envelope.Payload.TryGetProperty("text", out var t) ? t.GetString() : null;
            decision = SocketModeAck.With(new JsonObject { ["response_type"] = "in_channel", ["text"] = "answer to " + text });
        }

        _accepted.Enqueue(envelope);
        return ValueTask.FromResult(decision);
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
