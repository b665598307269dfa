using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PickBot.Slack.Events;
using PickBot.Slack.Installations;

namespace PickBot.Slack.Tests.Installations;

public sealed class OAuthStateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EphemeralDataProtectionProvider _keys = new();

    [Fact]
    public async Task Check_SameBrowserWithinTenMinutes_ValidOnceThenUsed()
    {
        var sut = CreateSut();
        var (state, nonce) = sut.Issue();
        _time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal(OAuthStateCheck.Valid, await sut.CheckAsync(state, nonce));
        Assert.Equal(OAuthStateCheck.Used, await sut.CheckAsync(state, nonce));
    }

    [Fact]
    public async Task Check_AfterTenMinutes_Expired()
    {
        var sut = CreateSut();
        var (state, nonce) = sut.Issue();
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal(OAuthStateCheck.Expired, await sut.CheckAsync(state, nonce));
    }

    [Fact]
    public async Task Check_AnotherBrowsersCookieOrNone_OtherBrowser()
    {
        var sut = CreateSut();
        var (state, _) = sut.Issue();
        var (_, otherNonce) = sut.Issue();

        Assert.Equal(OAuthStateCheck.OtherBrowser, await sut.CheckAsync(state, otherNonce));
        Assert.Equal(OAuthStateCheck.OtherBrowser, await sut.CheckAsync(state, null));
    }

    [Fact]
    public async Task Check_MadeWithOtherKeysOrNotAtAll_ForgedOrMissing()
    {
        var (state, nonce) = new OAuthState(new EphemeralDataProtectionProvider(), Claims(), _time).Issue();

        Assert.Equal(OAuthStateCheck.Forged, await CreateSut().CheckAsync(state, nonce));
        Assert.Equal(OAuthStateCheck.Forged, await CreateSut().CheckAsync("not-a-state", nonce));
        Assert.Equal(OAuthStateCheck.Missing, await CreateSut().CheckAsync(null, nonce));
    }

    private OAuthState CreateSut() => new(_keys, Claims(), _time);

    private InMemoryEventDeduplicator Claims() => new(Options.Create(new SlackOptions()), _time);
}
