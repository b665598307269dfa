using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Console;
using PickBot.Logging;

namespace PickBot.Tests.Logging;

public sealed class ConsoleBatchWriterTests
{
    [Fact]
    public void Dispose_LinesFromManyThreads_EveryLineWrittenWholeAndInOrderPerThread()
    {
        var stdout = new RecordingStream();
        var writer = CreateSut(stdout, new RecordingStream());

        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < 500; i++)
            {
                writer.Enqueue(new StringBuilder($"t{thread} line {i} é🎉\n"), toError: false);
            }
        });
        writer.Dispose();

        var lines = stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2000, lines.Length);
        for (var thread = 0; thread < 4; thread++)
        {
            var own = lines.Where(l => l.StartsWith($"t{thread} ", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 500).Select(i => $"t{thread} line {i} é🎉"), own);
        }
    }

    [Fact]
    public void Enqueue_BurstOfLines_WrittenInFewWrites()
    {
        var stdout = new RecordingStream();
        var writer = CreateSut(stdout, new RecordingStream(), window: TimeSpan.FromMilliseconds(200));

        for (var i = 0; i < 1000; i++)
        {
            writer.Enqueue(new StringBuilder($"line {i}\n"), toError: false);
        }

        writer.Dispose();

        // The first line may go out alone (the writer was idle); the rest wait out the window together.
        Assert.Equal(1000, stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.InRange(stdout.Writes, 1, 10);
    }

    [Fact]
    public void Enqueue_QuietWriter_FirstLineWrittenWithoutWaitingForTheWindow()
    {
        var stdout = new RecordingStream();
        using var writer = CreateSut(stdout, new RecordingStream(), window: TimeSpan.FromMinutes(5));

        writer.Enqueue(new StringBuilder("first\n"), toError: false);

        Assert.True(SpinWait.SpinUntil(() => stdout.Text == "first\n", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Enqueue_ErrorLines_GoToStandardError()
    {
        var stdout = new RecordingStream();
        var stderr = new RecordingStream();
        var writer = CreateSut(stdout, stderr);

        writer.Enqueue(new StringBuilder("fine\n"), toError: false);
        writer.Enqueue(new StringBuilder("broken\n"), toError: true);
        writer.Dispose();

        Assert.Equal("fine\n", stdout.Text);
        Assert.Equal("broken\n", stderr.Text);
    }

    [Fact]
    public async Task Enqueue_WaitModeQueueFull_BlocksAndLosesNothing()
    {
        var stdout = new RecordingStream { Gate = new ManualResetEventSlim(false) };
        var writer = CreateSut(stdout, new RecordingStream(), maxQueueLength: 2);

        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                writer.Enqueue(new StringBuilder($"line {i}\n"), toError: false);
            }
        });

        // The stream holds the writer, so the producer must be stuck on the full queue rather than dropping lines.
        Assert.NotSame(producer, await Task.WhenAny(producer, Task.Delay(300)));
        stdout.Gate.Set();
        await producer.WaitAsync(TimeSpan.FromSeconds(10));
        writer.Dispose();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"line {i}"), stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Enqueue_DropModeQueueFull_DropsAndSaysHowMany()
    {
        var stdout = new RecordingStream { Gate = new ManualResetEventSlim(false) };
        var stderr = new RecordingStream();
        var writer = CreateSut(stdout, stderr, maxQueueLength: 2, mode: ConsoleLoggerQueueFullMode.DropWrite);

        writer.Enqueue(new StringBuilder("first\n"), toError: false);
        Assert.True(SpinWait.SpinUntil(() => stdout.Blocked, TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 10; i++)
        {
            writer.Enqueue(new StringBuilder($"line {i}\n"), toError: false);
        }

        stdout.Gate.Set();
        writer.Dispose();

        Assert.Equal("first\nline 0\nline 1\n", stdout.Text);
        Assert.StartsWith("8 log line(s) dropped", stderr.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Enqueue_AfterDispose_WrittenAtOnce()
    {
        var stdout = new RecordingStream();
        var writer = CreateSut(stdout, new RecordingStream());
        writer.Dispose();

        writer.Enqueue(new StringBuilder("late\n"), toError: false);

        Assert.Equal("late\n", stdout.Text);
    }

    [Fact]
    public void Flush_QueuedLines_WrittenOnTheCallingThread()
    {
        var stdout = new RecordingStream();
        using var writer = CreateSut(stdout, new RecordingStream(), window: TimeSpan.FromMinutes(5));
        writer.Enqueue(new StringBuilder("first\n"), toError: false);
        Assert.True(SpinWait.SpinUntil(() => stdout.Text == "first\n", TimeSpan.FromSeconds(10)));

        // The writer now sleeps out its (long) window: only the flush can get this line out in time.
        writer.Enqueue(new StringBuilder("second\n"), toError: false);
        writer.Flush();

        Assert.Equal("first\nsecond\n", stdout.Text);
    }

    [Fact]
    public void Write_BrokenStream_WriterCarriesOn()
    {
        var stdout = new RecordingStream { FailWith = new IOException("broken pipe") };
        var writer = CreateSut(stdout, new RecordingStream());

        writer.Enqueue(new StringBuilder("lost\n"), toError: false);
        writer.Dispose();

        Assert.True(stdout.Writes >= 1);
    }

    private static ConsoleBatchWriter CreateSut(
        Stream stdout,
        Stream stderr,
        int maxQueueLength = 2500,
        ConsoleLoggerQueueFullMode mode = ConsoleLoggerQueueFullMode.Wait,
        TimeSpan? window = null) =>
        new(stdout, stderr, maxQueueLength, mode, window ?? TimeSpan.FromMilliseconds(5));

    /// <summary>A stdout stand-in: records the bytes and the number of writes; can hold a write until released.</summary>
    internal sealed class RecordingStream : Stream
    {
        private readonly ConcurrentQueue<byte[]> _chunks = new();
        private int _writes;

        public ManualResetEventSlim? Gate { get; init; }

        public Exception? FailWith { get; init; }

        public volatile bool Blocked;

        public int Writes => Volatile.Read(ref _writes);

        public string Text => Encoding.UTF8.GetString(_chunks.SelectMany(c => c).ToArray());

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Interlocked.Increment(ref _writes);
            if (Gate is { } gate && !gate.IsSet)
            {
                Blocked = true;
                gate.Wait();
            }

            if (FailWith is { } failure)
            {
                throw failure;
            }

            _chunks.Enqueue(buffer.ToArray());
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
