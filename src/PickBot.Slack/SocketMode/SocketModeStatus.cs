namespace PickBot.Slack.SocketMode;

/// <summary>What /healthz needs to know about Socket Mode: how many sockets Slack can deliver to right now.</summary>
public sealed class SocketModeStatus
{
    private int _connected;

    /// <summary>Sockets that said hello and have not closed yet (draining ones included: they still deliver).</summary>
    public int Connected => Volatile.Read(ref _connected);

    /// <summary>Set when Slack refused for good (bad token, Socket Mode switched off): no more attempts until a restart.</summary>
    public string? StoppedReason { get; private set; }

    internal int Up() => Interlocked.Increment(ref _connected);

    internal int Down() => Interlocked.Decrement(ref _connected);

    internal void Stop(string reason) => StoppedReason = reason;
}
