using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Events;

/// <summary>
/// The bounded queue between the ack and the work. Bounded so a flood cannot exhaust memory; when full, the caller is
/// told (and logs it), never a silent drop.
/// </summary>
public sealed class SlackWorkChannel(IOptions<SlackOptions> options)
{
    private readonly Channel<SlackWork> _channel = Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(options.Value.MentionQueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    private int _waiting;
    private volatile bool _closed;

    public int Capacity { get; } = options.Value.MentionQueueCapacity;

    public int Count => _channel.Reader.Count;

    /// <summary>Callers of <see cref="TryEnqueueAsync"/> waiting for a free slot right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>True once <see cref="Complete"/> was called: nothing more is accepted.</summary>
    public bool IsClosed => _closed;

    public ChannelReader<SlackWork> Reader => _channel.Reader;

    /// <summary>Stops accepting work (shutdown has begun); what is queued can still be read. Waiting writers give up.</summary>
    public void Complete()
    {
        _closed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>False when the queue is full (or closed): the work was not accepted.</summary>
    public bool TryEnqueue(SlackWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _channel.Writer.TryWrite(work);
    }

    /// <summary>
    /// Queues <paramref name="work"/>, waiting up to <paramref name="wait"/> (timed by <paramref name="time"/>) for a
    /// slot when the queue is full. Waiting writers are served in arrival order as the workers take items. False when
    /// there was still no room, or the queue is closed; throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> fires first (the work was not accepted then either).
    /// </summary>
    public async ValueTask<bool> TryEnqueueAsync(SlackWork work, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(time);
        if (_channel.Writer.TryWrite(work))
        {
            return true;
        }

        if (wait <= TimeSpan.Zero || _closed)
        {
            return false;
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        Interlocked.Increment(ref _waiting);
        try
        {
            await _channel.Writer.WriteAsync(work, linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}
