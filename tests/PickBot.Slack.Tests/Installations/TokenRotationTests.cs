using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PickBot.Slack.Installations;
using PickBot.Slack.Tests.Support;
using PickBot.Testing;

namespace PickBot.Slack.Tests.Installations;

public sealed class TokenRotationTests : IAsyncLifetime, IDisposable
{
    private const string OAuthAccess = "/api/oauth.v2.access";
    private static readonly SlackTeam Team = new("TROT");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ListLoggerProvider _logs = new();
    private FakeSlackWebApi _slack = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackWebApi.StartAsync();
        _services = SlackServices.Create(
            _slack.ApiBaseUrl,
            new Dictionary<string, string?>
            {
                ["Slack:BotToken"] = null,
                ["Slack:ClientId"] = "1.2",
                ["Slack:ClientSecret"] = "secret",
                ["Slack:RedirectUrl"] = "https://pickbot.example.com/slack/oauth_redirect",
                ["Slack:TokenRefreshRetryDelay"] = "00:00:30",
                ["Slack:TokenRefreshMaxDelay"] = "00:02:00",
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
            });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _slack.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task GetBotToken_NotDue_UsesStoredTokenWithoutRefreshing()
    {
        await SaveAsync(expiresIn: TimeSpan.FromHours(3));

        var token = await Tokens.GetBotTokenAsync(Team);

        Assert.Equal("xoxb-old", token.Value);
        Assert.Empty(_slack.RequestsTo(OAuthAccess));
    }

    [Fact]
    public async Task GetBotToken_RefreshFails_KeepsOldTokenLogsOnceAndRetriesWithBackoff()
    {
        await SaveAsync(expiresIn: TimeSpan.FromHours(1));
        _slack.EnqueueJson(OAuthAccess, """{"ok":false,"error":"service_unavailable"}""");
        _slack.EnqueueJson(OAuthAccess, """{"ok":false,"error":"service_unavailable"}""");

        Assert.Equal("xoxb-old", (await Tokens.GetBotTokenAsync(Team)).Value);
        Assert.Equal("xoxb-old", (await Tokens.GetBotTokenAsync(Team)).Value);
        Assert.Single(_slack.RequestsTo(OAuthAccess));

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("xoxb-old", (await Tokens.GetBotTokenAsync(Team)).Value);
        Assert.Equal(2, _slack.RequestsTo(OAuthAccess).Count);

        // The wait doubled: 30 s more is not enough, 60 s is.
        _time.Advance(TimeSpan.FromSeconds(31));
        await Tokens.GetBotTokenAsync(Team);
        Assert.Equal(2, _slack.RequestsTo(OAuthAccess).Count);
        _slack.EnqueueJson(OAuthAccess, """{"ok":true,"access_token":"xoxb-new","token_type":"bot","refresh_token":"xoxe-2","expires_in":43200}""");
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("xoxb-new", (await Tokens.GetBotTokenAsync(Team)).Value);

        Assert.Single(_logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("Token refresh for T:TROT failed", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Message.Contains("succeeded after 2 failed attempts", StringComparison.Ordinal));
        var stored = await _services.GetRequiredService<IInstallationStore>().FindAsync("T:TROT");
        Assert.Equal("xoxe-2", stored!.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddHours(12), stored.ExpiresAt);
        Assert.All(_slack.RequestsTo(OAuthAccess), r => Assert.Contains("grant_type=refresh_token&refresh_token=xoxe-1", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetBotToken_ExpiredAndRefreshFailing_NoTokenRatherThanADeadOne()
    {
        await SaveAsync(expiresIn: TimeSpan.FromMinutes(1));
        _slack.EnqueueJson(OAuthAccess, """{"ok":false,"error":"invalid_refresh_token"}""");
        await Tokens.GetBotTokenAsync(Team);

        _time.Advance(TimeSpan.FromMinutes(2));
        var token = await Tokens.GetBotTokenAsync(Team);

        Assert.Null(token.Value);
        Assert.Equal("token_expired", token.Error);
    }

    [Fact]
    public async Task GetBotToken_OtherTeamOrNoTeam_NeverAnotherTeamsToken()
    {
        await SaveAsync(expiresIn: TimeSpan.FromHours(3));

        Assert.Equal("not_installed", (await Tokens.GetBotTokenAsync(new SlackTeam("TOTHER"))).Error);
        Assert.Equal("no_team", (await Tokens.GetBotTokenAsync(null)).Error);
    }

    [Fact]
    public async Task GetBotToken_WorkspaceOfAnOrgInstalledOrgWide_UsesTheOrgsInstallation()
    {
        var now = _time.GetUtcNow();
        await _services.GetRequiredService<SlackInstallations>().SaveAsync(new SlackInstallation(
            null, null, "EORG", "Org", true, "A1", "UORGBOT", "xoxb-org", ["chat:write"], "UADMIN", now, now));

        var token = await Tokens.GetBotTokenAsync(new SlackTeam("TINORG", "EORG"));

        Assert.Equal("xoxb-org", token.Value);
    }

    private ISlackTokenProvider Tokens => _services.GetRequiredService<ISlackTokenProvider>();

    private Task SaveAsync(TimeSpan expiresIn)
    {
        var now = _time.GetUtcNow();
        return _services.GetRequiredService<SlackInstallations>().SaveAsync(new SlackInstallation(
            "TROT", "Rotating", null, null, false, "A1", "UBOT", "xoxb-old", ["chat:write"], "UADMIN", now, now, "xoxe-1", now + expiresIn));
    }
}
