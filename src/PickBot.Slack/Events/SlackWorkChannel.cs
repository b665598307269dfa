using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Events;

/// <summary>
/// The bounded queue between the ack and the work. Bounded so a flood cannot exhaust memory; when full, the caller is
/// told (and logs it), never a silent drop. Questions and interaction replies go through <see cref="TryEnqueueAsync"/>,
/// which writes them to the <see cref="IIntakeJournal"/> first, so what the caller then acknowledges survives a crash.
/// </summary>
public sealed class SlackWorkChannel(IOptions<SlackOptions> options, IIntakeJournal? journal = null)
{
    private readonly IIntakeJournal _journal = journal ?? new InMemoryIntakeJournal();

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

    public IIntakeJournal Journal => _journal;

    /// <summary>For work that needs no journal (an LLM rewording); false when the queue is full (or closed).</summary>
    public bool TryEnqueue(SlackWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (JournalCodec.IsJournaled(work))
        {
            throw new ArgumentException($"{work.GetType().Name} must be journaled: use TryEnqueueAsync", nameof(work));
        }

        return _channel.Writer.TryWrite(work);
    }

    /// <summary>Work read back from the journal (at start) or put back for another attempt: waits for room, no new entry.</summary>
    public async ValueTask<bool> RequeueAsync(SlackWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await _channel.Writer.WriteAsync(work, cancellationToken);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Queues <paramref name="work"/>, waiting up to <paramref name="wait"/> (timed by <paramref name="time"/>) for a
    /// slot when the queue is full. Waiting writers are served in arrival order as the workers take items. False when
    /// there was still no room, or the queue is closed; throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> fires first (the work was not accepted then either). Journaled work is in
    /// the journal when this returns true, and not when it returns false or throws.
    /// </summary>
    public async ValueTask<bool> TryEnqueueAsync(SlackWork work, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(time);
        if (!JournalCodec.IsJournaled(work))
        {
            return await WriteAsync(work, wait, time, cancellationToken);
        }

        work = work with { JournalId = work.JournalId ?? JournalCodec.NewId(work) };
        await _journal.AddAsync(work, cancellationToken);
        var accepted = false;
        try
        {
            accepted = await WriteAsync(work, wait, time, cancellationToken);
            return accepted;
        }
        finally
        {
            if (!accepted)
            {
                await _journal.RemoveAsync(work.JournalId!, CancellationToken.None);
            }
        }
    }

    private async ValueTask<bool> WriteAsync(SlackWork work, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
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
