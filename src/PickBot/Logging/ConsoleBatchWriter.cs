using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging.Console;

namespace PickBot.Logging;

/// <summary>
/// Writes formatted log lines to stdout and stderr from one background thread, many lines per write.
/// </summary>
/// <remarks>
/// The built-in console logger makes one write system call per line, and wakes its writer thread for nearly every
/// line; at thousands of answers a second the log cost more CPU than the answers. Here a line is UTF-8 encoded into a
/// shared batch under a lock; the writer takes the whole batch, writes it with one call per stream, and then waits
/// <see cref="CoalesceWindow"/> before it looks again, so a busy bot pays one wake-up and one write per window, and a
/// quiet one still sees each line at once. The queue bound and the full-queue behaviour are the console logger's own
/// settings (<c>Logging:Console:MaxQueueLength</c>, <c>QueueFullMode</c>), with the same defaults: wait, not drop.
/// </remarks>
internal sealed class ConsoleBatchWriter : IDisposable
{
    /// <summary>How long a busy writer collects lines before the next write; a quiet one writes the first at once.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(2);

    private readonly Stream _out;
    private readonly Stream _error;
    private readonly int _maxQueueLength;
    private readonly ConsoleLoggerQueueFullMode _fullMode;
    private readonly TimeSpan _window;
    private readonly Thread _thread;
    private readonly Lock _streamLock = new();
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly object _gate = new();
    private Batch _pending = new();
    private Batch _writing = new();
    private bool _writerIdle;
    private bool _stopping;
    private bool _stopped;

    public ConsoleBatchWriter(Stream stdout, Stream stderr, int maxQueueLength, ConsoleLoggerQueueFullMode fullMode, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxQueueLength);
        _out = stdout;
        _error = stderr;
        _maxQueueLength = maxQueueLength;
        _fullMode = fullMode;
        _window = window ?? CoalesceWindow;
        _thread = new Thread(Run) { IsBackground = true, Name = "PickBot console log" };
        _thread.Start();
    }

    /// <summary>Queues one formatted line (it carries its own line break, as console formatters write it).</summary>
    public void Enqueue(StringBuilder line, bool toError)
    {
        lock (_gate)
        {
            while (_pending.Count >= _maxQueueLength && !_stopped)
            {
                if (_fullMode == ConsoleLoggerQueueFullMode.DropWrite)
                {
                    _pending.Dropped++;
                    return;
                }

                Monitor.Wait(_gate);
            }

            if (_stopped)
            {
                // Past shutdown nothing drains the queue: write the line here rather than lose it.
                var late = new Batch();
                Append(late, line, toError);
                Write(late);
                return;
            }

            Append(_pending, line, toError);
            if (_writerIdle)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Writes whatever is queued now, on the calling thread; for a process that is about to die.</summary>
    public void Flush()
    {
        Batch batch;
        lock (_gate)
        {
            batch = _pending;
            _pending = new Batch();
            Monitor.PulseAll(_gate);
        }

        Write(batch);
    }

    /// <summary>Writes every queued line, then stops the writer.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        if (!_thread.Join(StopTimeout))
        {
            // A stream that does not take the lines (a stuck pipe) must not hold up the shutdown for ever.
            lock (_gate)
            {
                _stopped = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (_pending.IsEmpty && !_stopping)
                {
                    _writerIdle = true;
                    Monitor.Wait(_gate);
                    _writerIdle = false;
                }

                if (_pending.IsEmpty)
                {
                    _stopped = true;
                    Monitor.PulseAll(_gate);
                    return;
                }

                (_pending, _writing) = (_writing, _pending);
                Monitor.PulseAll(_gate);
            }

            Write(_writing);
            _writing.Clear();
            lock (_gate)
            {
                // The coalescing window; a shutdown (or a flush) cuts it short.
                if (!_stopping)
                {
                    Monitor.Wait(_gate, _window);
                }
            }
        }
    }

    private void Append(Batch batch, StringBuilder line, bool toError)
    {
        var target = toError ? batch.Error : batch.Out;
        foreach (var chunk in line.GetChunks())
        {
            var span = target.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            target.Advance(_encoder.GetBytes(chunk.Span, span, flush: false));
        }

        target.Advance(_encoder.GetBytes(ReadOnlySpan<char>.Empty, target.GetSpan(8), flush: true));
        batch.Count++;
    }

    private void Write(Batch batch)
    {
        lock (_streamLock)
        {
            if (batch.Dropped > 0)
            {
                var notice = $"{batch.Dropped} log line(s) dropped because the console log queue was full (Logging:Console:MaxQueueLength {_maxQueueLength}, QueueFullMode DropWrite).{Environment.NewLine}";
                Write(_error, Encoding.UTF8.GetBytes(notice));
            }

            Write(_out, batch.Out.WrittenSpan);
            Write(_error, batch.Error.WrittenSpan);
        }
    }

    private static void Write(Stream stream, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        try
        {
            stream.Write(bytes);
            stream.Flush();
        }
        catch (IOException)
        {
            // A closed or broken stdout (the reader went away) has nowhere to report to; the bot keeps answering.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed class Batch
    {
        public ArrayBufferWriter<byte> Out { get; } = new(16 * 1024);

        public ArrayBufferWriter<byte> Error { get; } = new(1024);

        public int Count { get; set; }

        public int Dropped { get; set; }

        public bool IsEmpty => Count == 0 && Dropped == 0;

        public void Clear()
        {
            // Keeps the buffers (and does not zero them): no allocation per batch.
            Out.ResetWrittenCount();
            Error.ResetWrittenCount();
            Count = 0;
            Dropped = 0;
        }
    }
}
