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

    public int Capacity { get; } = options.Value.MentionQueueCapacity;

    public int Count => _channel.Reader.Count;

    public ChannelReader<SlackWork> Reader => _channel.Reader;

    /// <summary>Stops accepting work (shutdown has begun); what is queued can still be read.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>False when the queue is full (or closed): the work was not accepted.</summary>
    public bool TryEnqueue(SlackWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _channel.Writer.TryWrite(work);
    }
}
