using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PickBot.Slack.Events;

namespace PickBot.Slack.Tests.Events;

public sealed class InMemoryEventDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task TryBeginAsync_SameIdTwice_SecondIsRefused()
    {
        var sut = CreateSut();

        Assert.True(await sut.TryBeginAsync("Ev1"));
        Assert.False(await sut.TryBeginAsync("Ev1"));
        Assert.True(await sut.TryBeginAsync("Ev2"));
    }

    [Fact]
    public async Task TryBeginAsync_RetryFiveMinutesLater_StillRefused()
    {
        var sut = CreateSut();
        await sut.TryBeginAsync("Ev1");

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(await sut.TryBeginAsync("Ev1"));
    }

    [Fact]
    public async Task TryBeginAsync_AfterTheWindow_AcceptedAgain()
    {
        var sut = CreateSut();
        await sut.TryBeginAsync("Ev1");

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.True(await sut.TryBeginAsync("Ev1"));
    }

    [Fact]
    public async Task ForgetAsync_AcceptedId_CanBeginAgain()
    {
        var sut = CreateSut();
        await sut.TryBeginAsync("Ev1");

        await sut.ForgetAsync("Ev1");

        Assert.True(await sut.TryBeginAsync("Ev1"));
    }

    [Fact]
    public async Task TryBeginAsync_ManyExpiredIds_ArePruned()
    {
        var sut = CreateSut();
        for (var i = 0; i < 1000; i++)
        {
            await sut.TryBeginAsync($"old-{i}");
        }

        _time.Advance(TimeSpan.FromHours(2));
        for (var i = 0; i < 100; i++)
        {
            await sut.TryBeginAsync($"new-{i}");
        }

        Assert.True(sut.Count < 1000, $"{sut.Count} ids still remembered");
    }

    [Fact]
    public async Task TryBeginAsync_ConcurrentDeliveriesOfOneId_ExactlyOneAccepted()
    {
        var sut = CreateSut();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await sut.TryBeginAsync("EvSame"))));

        Assert.Single(results, r => r);
    }

    private InMemoryEventDeduplicator CreateSut() => new(Options.Create(new SlackOptions()), _time);
}
