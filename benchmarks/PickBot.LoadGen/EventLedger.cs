using System.Diagnostics;
using System.Globalization;

namespace PickBot.LoadGen;

/// <summary>
/// One slot per event, indexed by its sequence number: when it was sent, when it was acked (and with what status), when
/// its chat.postMessage reached the fake Slack. Preallocated arrays, so recording costs no allocation or lock under load.
/// </summary>
internal sealed class EventLedger
{
    public const int Capacity = 1 << 21;

    // An event's ts (and so the reply's thread_ts) encodes its sequence number: the fake Slack knows which event a post
    // answers without any shared map.
    private const long TsBaseSeconds = 1_700_000_000;

    private readonly long[] _sent = new long[Capacity];
    private readonly long[] _attemptSent = new long[Capacity];
    private readonly byte[] _attempts = new byte[Capacity];
    private readonly byte[] _refusals = new byte[Capacity];
    private readonly long[] _acked = new long[Capacity];
    private readonly long[] _posted = new long[Capacity];
    private readonly short[] _status = new short[Capacity];
    private readonly byte[] _phase = new byte[Capacity];
    private readonly TaskCompletionSource[]? _waiters;
    private long _next = -1;
    private long _duplicatePosts;
    private long _unknownPosts;
    private long _nonPickPosts;
    private long _lastPostTicks;

    public EventLedger(bool waitForPosts)
    {
        if (waitForPosts)
        {
            _waiters = new TaskCompletionSource[Capacity];
        }
    }

    public long DuplicatePosts => Interlocked.Read(ref _duplicatePosts);

    public long UnknownPosts => Interlocked.Read(ref _unknownPosts);

    public long NonPickPosts => Interlocked.Read(ref _nonPickPosts);

    /// <summary>Stopwatch ticks of the latest post; 0 before the first.</summary>
    public long LastPostTicks => Interlocked.Read(ref _lastPostTicks);

    /// <summary>Number of sequence numbers handed out so far.</summary>
    public long Issued => Math.Min(Interlocked.Read(ref _next) + 1, Capacity);

    /// <summary>The next sequence number for <paramref name="phase"/>, or -1 when the ledger is full.</summary>
    public long Next(Phase phase)
    {
        var seq = Interlocked.Increment(ref _next);
        if (seq >= Capacity)
        {
            return -1;
        }

        _phase[seq] = (byte)phase;
        if (_waiters is not null)
        {
            _waiters[seq] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return seq;
    }

    /// <summary>Attempt <paramref name="retryNum"/> (0 the first delivery) of event <paramref name="seq"/> is being sent.</summary>
    public void Sent(long seq, int retryNum = 0)
    {
        var now = Stopwatch.GetTimestamp();
        if (retryNum == 0)
        {
            _sent[seq] = now;
        }

        _attemptSent[seq] = now;
        _attempts[seq] = (byte)(retryNum + 1);
    }

    /// <summary>The latest attempt's answer: a 2xx acks the event; a 5xx or a transport error (-1) refuses that attempt.</summary>
    public void Acked(long seq, int status)
    {
        _acked[seq] = Stopwatch.GetTimestamp();
        _status[seq] = (short)status;
        if (IsRefusal(status))
        {
            _refusals[seq]++;
        }
    }

    /// <summary>What Slack would deliver again: a 5xx, or no answer at all.</summary>
    public static bool IsRefusal(int status) => status < 0 || status >= 500;

    /// <summary>A post arrived for the event whose ts is <paramref name="threadTs"/>.</summary>
    public void Posted(string? threadTs, bool isPick, long ticks)
    {
        Interlocked.Exchange(ref _lastPostTicks, ticks);
        if (!isPick)
        {
            Interlocked.Increment(ref _nonPickPosts);
        }

        if (!TryParseTs(threadTs, out var seq))
        {
            Interlocked.Increment(ref _unknownPosts);
            return;
        }

        if (Interlocked.CompareExchange(ref _posted[seq], ticks, 0) != 0)
        {
            Interlocked.Increment(ref _duplicatePosts);
            return;
        }

        _waiters?[seq]?.TrySetResult();
    }

    /// <summary>Completes when the event's post arrives (e2e mode only).</summary>
    public Task PostOf(long seq) => _waiters?[seq]?.Task ?? Task.CompletedTask;

    public static string Ts(long seq) => string.Create(
        CultureInfo.InvariantCulture, $"{TsBaseSeconds + (seq / 1_000_000)}.{seq % 1_000_000:D6}");

    public static bool TryParseTs(string? ts, out long seq)
    {
        seq = -1;
        var dot = ts?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (ts is null || dot < 0
            || !long.TryParse(ts.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !long.TryParse(ts.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
        {
            return false;
        }

        seq = ((seconds - TsBaseSeconds) * 1_000_000) + micros;
        return seq is >= 0 and < Capacity;
    }

    public Phase PhaseOf(long seq) => (Phase)_phase[seq];

    public long SentAt(long seq) => _sent[seq];

    /// <summary>When the latest attempt was sent (the ack latency is measured from it).</summary>
    public long AttemptSentAt(long seq) => _attemptSent[seq];

    /// <summary>Deliveries made, retries included.</summary>
    public int AttemptsOf(long seq) => _attempts[seq];

    /// <summary>Deliveries refused (5xx or no answer).</summary>
    public int RefusalsOf(long seq) => _refusals[seq];

    public long AckedAt(long seq) => _acked[seq];

    public long PostedAt(long seq) => Interlocked.Read(ref _posted[seq]);

    public int StatusOf(long seq) => _status[seq];
}

internal enum Phase : byte
{
    None = 0,
    Check = 1,
    Warmup = 2,
    Measured = 3,
}
