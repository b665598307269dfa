using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Events;

/// <summary>Event ids remembered in this process for <see cref="SlackOptions.EventDedupeWindow"/>.</summary>
public sealed class InMemoryEventDeduplicator(IOptions<SlackOptions> options, TimeProvider time) : IEventDeduplicator
{
    private const int PruneEvery = 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeSpan _window = options.Value.EventDedupeWindow;
    private int _added;

    public ValueTask<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var now = time.GetUtcNow();
        var expires = now + _window;
        while (true)
        {
            if (_seen.TryAdd(eventId, expires))
            {
                if (Interlocked.Increment(ref _added) % PruneEvery == 0)
                {
                    Prune(now);
                }

                return ValueTask.FromResult(true);
            }

            if (_seen.TryGetValue(eventId, out var until))
            {
                if (until > now)
                {
                    return ValueTask.FromResult(false);
                }

                // Expired: take it over, unless another delivery just did.
                if (_seen.TryUpdate(eventId, expires, until))
                {
                    return ValueTask.FromResult(true);
                }
            }
        }
    }

    public ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        _seen.TryRemove(eventId, out _);
        return ValueTask.CompletedTask;
    }

    internal int Count => _seen.Count;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, until) in _seen)
        {
            if (until <= now)
            {
                _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, until));
            }
        }
    }
}
