using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PickBot.Slack.Limits;

namespace PickBot.Slack.Tests.Limits;

public sealed class InMemoryRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryAcquire_OverTheLimitInOneWindow_Refused()
    {
        var sut = CreateSut(perUser: 2);

        Assert.True(await sut.TryAcquireAsync("U1"));
        Assert.True(await sut.TryAcquireAsync("U1"));
        Assert.False(await sut.TryAcquireAsync("U1"));
        Assert.True(await sut.TryAcquireAsync("U2"));
    }

    [Fact]
    public async Task TryAcquire_NextWindow_AllowedAgain()
    {
        var sut = CreateSut(perUser: 1);
        Assert.True(await sut.TryAcquireAsync("U1"));
        Assert.False(await sut.TryAcquireAsync("U1"));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await sut.TryAcquireAsync("U1"));
    }

    private InMemoryRateLimiter CreateSut(int perUser) =>
        new(Options.Create(new RateLimitOptions { PerUser = perUser, Window = TimeSpan.FromMinutes(1) }), _time);
}
