using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Limits;

/// <summary>Fixed-window counts per user in this process.</summary>
public sealed class InMemoryRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time) : IRateLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly RateLimitOptions _options = options.Value;

    public ValueTask<bool> TryAcquireAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var index = WindowIndex(time.GetUtcNow(), _options.Window);
        var window = _windows.AddOrUpdate(
            userId,
            _ => new Window(index, 1),
            (_, current) => current.Index == index ? current with { Count = current.Count + 1 } : new Window(index, 1));
        if (_windows.Count > 10_000)
        {
            foreach (var (user, old) in _windows)
            {
                if (old.Index < index)
                {
                    _windows.TryRemove(new KeyValuePair<string, Window>(user, old));
                }
            }
        }

        return ValueTask.FromResult(window.Count <= _options.PerUser);
    }

    /// <summary>The same window numbering everywhere, so a Redis count and a local one mean the same period.</summary>
    public static long WindowIndex(DateTimeOffset now, TimeSpan window) => now.ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;

    private sealed record Window(long Index, int Count);
}
