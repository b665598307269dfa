using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Conversations;

/// <summary>
/// Reads a thread with conversations.replies: the first message and the most recent
/// <see cref="SlackConversationOptions.ThreadContextMessages"/> replies before the mention, following the cursor.
/// Slack pages oldest first, so the whole thread is paged through and only the tail kept. A 429 is waited out by the
/// client's retry (Retry-After); a thread read is reused for <see cref="SlackConversationOptions.ThreadCacheDuration"/>.
/// When Slack refuses (missing_scope, not_in_channel), one log line names what to add and the caller answers without.
/// </summary>
public sealed class ThreadReader(
    ISlackApiClient slack,
    IOptions<SlackConversationOptions> options,
    TimeProvider time,
    ILogger<ThreadReader> logger)
{
    /// <summary>Pages followed at most: 50 pages of 200 is a 10,000-message thread, read once per cache period.</summary>
    public const int MaxPages = 50;

    /// <summary>Threads kept in the cache at once; a cache, not a store.</summary>
    public const int MaxCachedThreads = 1000;

    private const int PageSize = 200;

    private readonly ConcurrentDictionary<(string Channel, string ThreadTs), Cached> _cache = new();

    /// <param name="before">The mention's ts: only messages before it are read.</param>
    public async Task<ThreadRead> ReadAsync(string channel, string threadTs, string before, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(threadTs);
        var now = time.GetUtcNow();
        var key = (channel, threadTs);
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            // Replies after the cached read's mention are not in it; within the short cache period that is the price
            // of not reading the thread for every mention of a burst. The new mention's own words always count.
            return new ThreadRead(cached.Messages.Where(m => Compare(m.Ts, before) < 0).ToList(), null);
        }

        var keep = options.Value.ThreadContextMessages;
        ThreadReply? root = null;
        var tail = new Queue<ThreadReply>(keep + 1);
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await slack.ConversationsRepliesAsync(new ConversationsReplies(channel, threadTs, before, cursor, PageSize), cancellationToken);
            if (!result.Status.Ok)
            {
                if (page == 0)
                {
                    LogRefusal(channel, result);
                    return new ThreadRead([], result.Status.Error ?? "unknown_error");
                }

                logger.LogWarning("Reading thread {ThreadTs} in channel {Channel} stopped at page {Page} ({Error}); answering from what was read", threadTs, channel, page + 1, result.Status.Error);
                break;
            }

            foreach (var message in result.Messages)
            {
                if (message.Ts == threadTs)
                {
                    root ??= message;
                }
                else if (Compare(message.Ts, before) < 0 && keep > 0)
                {
                    tail.Enqueue(message);
                    if (tail.Count > keep)
                    {
                        tail.Dequeue();
                    }
                }
            }

            cursor = result.NextCursor;
            if (cursor is null)
            {
                break;
            }

            if (page == MaxPages - 1)
            {
                logger.LogWarning("Thread {ThreadTs} in channel {Channel} is longer than {Pages} pages; answering from the first {Pages}", threadTs, channel, MaxPages, MaxPages);
            }
        }

        var messages = new List<ThreadReply>(tail.Count + 1);
        if (root is not null)
        {
            messages.Add(root);
        }

        messages.AddRange(tail);
        Remember(key, messages, now);
        return new ThreadRead(messages, null);
    }

    /// <summary>Forgets a thread read, so the next mention reads it again (after PickBot answered in it, say).</summary>
    public void Forget(string channel, string threadTs) => _cache.TryRemove((channel, threadTs), out _);

    /// <summary>The scope Slack names, or the one a conversation of this kind needs (by its id's first letter).</summary>
    internal static string ScopeFor(string channel, string? needed) => needed ?? (channel[0] switch
    {
        'D' => "im:history",
        'G' => "groups:history (or mpim:history for a group DM)",
        _ => "channels:history (groups:history for a private channel)",
    });

    private void LogRefusal(string channel, ConversationsRepliesPage result)
    {
        var error = result.Status.Error;
        if (error == "not_in_channel")
        {
            logger.LogWarning(
                "Could not read the thread in channel {Channel} (not_in_channel): invite PickBot to the channel and make sure the app has {Scope}; answered from the mention alone",
                channel, ScopeFor(channel, result.NeededScope));
        }
        else if (error == "missing_scope")
        {
            logger.LogWarning(
                "Could not read the thread in channel {Channel} (missing_scope): add the {Scope} scope to the Slack app (slack/manifest.yml) and reinstall it; answered from the mention alone",
                channel, ScopeFor(channel, result.NeededScope));
        }
        else
        {
            logger.LogWarning("Could not read the thread in channel {Channel} ({Error}); answered from the mention alone", channel, error);
        }
    }

    private void Remember((string, string) key, List<ThreadReply> messages, DateTimeOffset now)
    {
        var duration = options.Value.ThreadCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (_cache.Count >= MaxCachedThreads)
        {
            foreach (var (k, v) in _cache)
            {
                if (v.Until <= now)
                {
                    _cache.TryRemove(k, out _);
                }
            }

            if (_cache.Count >= MaxCachedThreads)
            {
                _cache.Clear();
            }
        }

        _cache[key] = new Cached(messages, now + duration);
    }

    /// <summary>Slack timestamps ("1700000000.000100") compared as numbers: seconds, then the sequence part.</summary>
    internal static int Compare(string a, string b)
    {
        var (aSeconds, aFraction) = Split(a);
        var (bSeconds, bFraction) = Split(b);
        var bySeconds = aSeconds.Length != bSeconds.Length ? aSeconds.Length.CompareTo(bSeconds.Length) : string.CompareOrdinal(aSeconds, bSeconds);
        return bySeconds != 0 ? bySeconds : string.CompareOrdinal(aFraction.PadRight(6, '0'), bFraction.PadRight(6, '0'));

        static (string Seconds, string Fraction) Split(string ts)
        {
            var dot = ts.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? (ts.TrimStart('0'), string.Empty) : (ts[..dot].TrimStart('0'), ts[(dot + 1)..]);
        }
    }

    private sealed record Cached(IReadOnlyList<ThreadReply> Messages, DateTimeOffset Until);
}
