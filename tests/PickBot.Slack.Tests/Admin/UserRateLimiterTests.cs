using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PickBot.Slack.Admin;

namespace PickBot.Slack.Tests.Admin;

public sealed class UserRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAcquire_UpToLimit_AllowsThenRefusesWithWait()
    {
        var sut = CreateSut(3);

        var allowed = Enumerable.Range(0, 3).Select(i =>
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            return sut.TryAcquire("U1", out _);
        }).ToList();
        var refused = sut.TryAcquire("U1", out var retryAfter);

        Assert.All(allowed, Assert.True);
        Assert.False(refused);
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
    }

    [Fact]
    public void TryAcquire_AfterTheWindow_AllowsAgain()
    {
        var sut = CreateSut(2);
        sut.TryAcquire("U1", out _);
        sut.TryAcquire("U1", out _);

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(sut.TryAcquire("U1", out _));
    }

    [Fact]
    public void TryAcquire_OneUserOverLimit_OthersUnaffected()
    {
        var sut = CreateSut(1);
        sut.TryAcquire("U1", out _);

        Assert.False(sut.TryAcquire("U1", out _));
        Assert.True(sut.TryAcquire("U2", out _));
    }

    [Fact]
    public void TryAcquire_LimitZero_NeverRefuses()
    {
        var sut = CreateSut(0);

        Assert.All(Enumerable.Range(0, 100), i => Assert.True(sut.TryAcquire("U1", out _)));
    }

    [Fact]
    public void TryAcquire_ConcurrentCalls_AllowExactlyTheLimit()
    {
        var sut = CreateSut(25);

        var allowed = 0;
        Parallel.For(0, 200, i =>
        {
            if (sut.TryAcquire("U1", out _))
            {
                Interlocked.Increment(ref allowed);
            }
        });

        Assert.Equal(25, allowed);
    }

    [Fact]
    public void Refusal_Wait_IsFriendlyAndRoundedUp()
    {
        Assert.Equal(
            "You've asked 20 questions in the last minute, which is my limit per person. Please try again in 13 seconds.",
            UserRateLimiter.Refusal(20, TimeSpan.FromSeconds(12.2)));
        Assert.EndsWith("in 1 second.", UserRateLimiter.Refusal(5, TimeSpan.FromMilliseconds(10)), StringComparison.Ordinal);
    }

    private UserRateLimiter CreateSut(int limit) =>
        new(Options.Create(new SlackAdminOptions { PickRequestsPerMinute = limit }), _time);
}
