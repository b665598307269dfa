using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Installations;

/// <summary>
/// Token rotation: a bot token that expires within <see cref="SlackInstallOptions.TokenRefreshBefore"/> is refreshed
/// with its refresh token, once at a time per installation. A refresh that fails keeps the old token (still good until
/// it expires), is logged once, and is tried again after a wait that doubles per failure.
/// </summary>
public sealed class TokenRotation(
    SlackInstallations installations,
    SlackOAuthClient oauth,
    IOptions<SlackInstallOptions> options,
    TimeProvider time,
    ILogger<TokenRotation> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, RefreshState> _states = new(StringComparer.Ordinal);

    public bool IsDue(SlackInstallation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return installation is { RefreshToken.Length: > 0, ExpiresAt: { } expires } && expires - time.GetUtcNow() <= options.Value.TokenRefreshBefore;
    }

    /// <summary>The installation with a token that is not due, refreshed first when needed and possible.</summary>
    public async Task<SlackInstallation> EnsureFreshAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        if (!IsDue(installation))
        {
            return installation;
        }

        var state = _states.GetOrAdd(installation.Key, _ => new RefreshState());
        if (time.GetUtcNow() < state.NextAttempt)
        {
            return installation;
        }

        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            // Whoever held the gate may have refreshed it already (here, or on another replica sharing the store).
            var current = await installations.FindByKeyAsync(installation.Key, cached: false, cancellationToken);
            if (current is null || !IsDue(current) || time.GetUtcNow() < state.NextAttempt)
            {
                return current ?? installation;
            }

            return await RefreshAsync(current, state, cancellationToken);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Refreshes every installation whose token is due (the background check).</summary>
    public async Task RefreshDueAsync(CancellationToken cancellationToken = default)
    {
        foreach (var installation in await installations.ListAsync(cancellationToken))
        {
            await EnsureFreshAsync(installation, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var state in _states.Values)
        {
            state.Gate.Dispose();
        }
    }

    private async Task<SlackInstallation> RefreshAsync(SlackInstallation current, RefreshState state, CancellationToken cancellationToken)
    {
        var access = await oauth.RefreshAsync(current.RefreshToken!, cancellationToken);
        var now = time.GetUtcNow();
        if (access is { Ok: true, AccessToken.Length: > 0 })
        {
            var refreshed = current with
            {
                BotToken = access.AccessToken,
                RefreshToken = access.RefreshToken ?? current.RefreshToken,
                ExpiresAt = access.ExpiresIn is { } seconds ? now.AddSeconds(seconds) : null,
                UpdatedAt = now,
            };
            await installations.SaveAsync(refreshed, cancellationToken);
            if (state.Failures > 0)
            {
                logger.LogInformation("Token refresh for {Key} succeeded after {Failures} failed attempts", current.Key, state.Failures);
            }
            else
            {
                logger.LogInformation("Bot token of {Key} refreshed; the new one expires {ExpiresAt:O}", current.Key, refreshed.ExpiresAt);
            }

            state.Failures = 0;
            state.NextAttempt = DateTimeOffset.MinValue;
            return refreshed;
        }

        state.Failures++;
        var wait = Backoff(state.Failures);
        state.NextAttempt = now + wait;

        // Once per run of failures: a refresh retried every few minutes for hours must not fill the log.
        if (state.Failures == 1)
        {
            logger.LogError(
                "Token refresh for {Key} failed ({Error}); the current token expires {ExpiresAt:O}. Retrying with backoff, next in {Wait}; only the recovery is logged",
                current.Key, access.Error, current.ExpiresAt, wait);
        }
        else
        {
            logger.LogDebug("Token refresh for {Key} failed again ({Error}), attempt {Failures}; next in {Wait}", current.Key, access.Error, state.Failures, wait);
        }

        return current;
    }

    private TimeSpan Backoff(int failures)
    {
        var first = options.Value.TokenRefreshRetryDelay;
        var max = options.Value.TokenRefreshMaxDelay;
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, max.Ticks));
    }

    private sealed class RefreshState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Failures { get; set; }

        public DateTimeOffset NextAttempt { get; set; } = DateTimeOffset.MinValue;
    }
}
