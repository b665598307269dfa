using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Conversations;

/// <summary>
/// People's display names from users.info, cached for <see cref="SlackConversationOptions.UserNameCacheDuration"/>. When
/// Slack gives no name (no users:read scope, an unknown user, an outage), the user id stands in, and that is
/// remembered for a shorter while so a missing scope does not cost a call per answer.
/// </summary>
public sealed class UserNames(ISlackApiClient slack, IOptions<SlackConversationOptions> options, TimeProvider time, ILogger<UserNames> logger)
{
    /// <summary>Names kept at once.</summary>
    public const int MaxCached = 10_000;

    private static readonly TimeSpan FallbackDuration = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Until)> _names = new(StringComparer.Ordinal);
    private int _scopeLogged;

    public async Task<string> NameAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = time.GetUtcNow();
        if (_names.TryGetValue(userId, out var cached) && cached.Until > now)
        {
            return cached.Name;
        }

        var info = await slack.UsersInfoAsync(userId, cancellationToken);
        var name = info.Status.Ok ? info.BestName : null;
        if (info.Status.Error == "missing_scope" && Interlocked.Exchange(ref _scopeLogged, 1) == 0)
        {
            logger.LogWarning("users.info refused (missing_scope): add the users:read scope to the Slack app so answers name people; user ids are shown meanwhile");
        }

        if (_names.Count >= MaxCached)
        {
            _names.Clear();
        }

        _names[userId] = (name ?? userId, now + (name is null ? FallbackDuration : options.Value.UserNameCacheDuration));
        return name ?? userId;
    }
}
