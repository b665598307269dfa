using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PickBot.Slack.Limits;

namespace PickBot.Slack.Admin;

/// <summary>
/// A sliding one-minute window per Slack user for <c>/pick</c>: a person (or a script with their token) cannot flood
/// the channel, and everyone else is unaffected. Memory stays bounded: idle users are swept out.
/// </summary>
public sealed class UserRateLimiter(IOptions<SlackAdminOptions> options, TimeProvider time) : IRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _hits = new(StringComparer.Ordinal);

    public int Limit => options.Value.PickRequestsPerMinute;

    public ValueTask<RateLimitDecision> TryAcquireAsync(string userId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TryAcquire(userId, out var retryAfter) ? RateLimitDecision.Allow : new RateLimitDecision(false, retryAfter));

    /// <summary>Counts one request; false, with the wait until the next is allowed, when the user is over the limit.</summary>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(userId);
        retryAfter = TimeSpan.Zero;
        var limit = Limit;
        if (limit <= 0)
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (_hits.Count > SweepThreshold)
        {
            Sweep(now);
        }

        var hits = _hits.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (hits)
        {
            while (hits.Count > 0 && now - hits.Peek() >= Window)
            {
                hits.Dequeue();
            }

            if (hits.Count >= limit)
            {
                retryAfter = hits.Peek() + Window - now;
                return false;
            }

            hits.Enqueue(now);
            return true;
        }
    }

    /// <summary>The friendly refusal for a person over the limit.</summary>
    public static string Refusal(int limit, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return $"You've asked {limit} {(limit == 1 ? "question" : "questions")} in the last minute, which is my limit per person. Please try again in {seconds} {(seconds == 1 ? "second" : "seconds")}.";
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (user, hits) in _hits)
        {
            lock (hits)
            {
                if (hits.Count == 0 || now - hits.Last() >= Window)
                {
                    _hits.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(user, hits));
                }
            }
        }
    }
}
