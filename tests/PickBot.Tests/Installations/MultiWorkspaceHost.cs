using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Installations;

/// <summary>
/// The real host with the OAuth flow configured and no bot token, against a fake Slack on loopback that plays the
/// authorize page and the Web API. One per test class; tests keep apart by team ids.
/// </summary>
public sealed partial class MultiWorkspaceHost : IAsyncLifetime
{
    public const string ClientId = "111.222";
    public const string ClientSecret = "test-client-secret";
    public const string OAuthAccess = "/api/oauth.v2.access";
    public const string Admin = "UADMIN";
    public const string AlphaTitle = "MTL vs STL, the Alpha way";

    public FakeSlackWebApi Slack { get; private set; } = null!;

    public PickBotApiFactory Factory { get; private set; } = null!;

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "pickbot-tests-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackWebApi.StartAsync();
        var settings = PickBotApiFactory.Settings(Slack.ApiBaseUrl, DataPath);
        UseOAuth(settings, Slack);
        settings["Slack:AdminUserIds:0"] = Admin;

        // TALPHA has its own take on the seed entry (same id, its own title); every other team sees the shared one.
        var alpha = Directory.CreateDirectory(Path.Combine(DataPath, "workspaces", "TALPHA")).FullName;
        var seed = await File.ReadAllTextAsync(Repository.SeedFile);
        await File.WriteAllTextAsync(Path.Combine(alpha, "mtl.yaml"), seed.Replace("title: Multi-Task Learning vs Single Task Learning", "title: " + AlphaTitle, StringComparison.Ordinal));
        settings["Knowledge:WorkspacesPath"] = Path.Combine(DataPath, "workspaces");
        Factory = new PickBotApiFactory(settings);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(DataPath);
    }

    /// <summary>The OAuth flow on, no bot token: every answer needs the team's installation.</summary>
    public static void UseOAuth(Dictionary<string, string?> settings, FakeSlackWebApi slack)
    {
        settings.Remove("Slack:BotToken");
        settings.Remove("Slack:BotUserId");
        settings["Slack:ClientId"] = ClientId;
        settings["Slack:ClientSecret"] = ClientSecret;
        settings["Slack:RedirectUrl"] = "http://localhost/slack/oauth_redirect";
        settings["Slack:AuthorizeUrl"] = slack.AuthorizeUrl;
        settings["Slack:ManifestPath"] = Path.Combine(Repository.Root, "slack", "manifest.yml");
        settings["Slack:TokenRefreshBefore"] = "00:05:00";
    }

    /// <summary>A browser: keeps cookies, does not follow redirects (so each hop can be looked at).</summary>
    public HttpClient Browser() => Browser(Factory);

    public static HttpClient Browser(PickBotApiFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The "Add to Slack" link on the install page, which also gives <paramref name="browser"/> its state cookie.</summary>
    public static async Task<Uri> AddToSlackLinkAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/slack/install");
        var href = AuthorizeLink().Match(page);
        Assert.True(href.Success, "no authorize link on the install page: " + page);
        return new Uri(WebUtility.HtmlDecode(href.Groups[1].Value));
    }

    /// <summary>Clicks "Allow" on the fake authorize page: where Slack sends the browser back (the redirect URL with code and state).</summary>
    public static async Task<string> AllowAsync(Uri authorizeLink)
    {
        using var slackPage = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var redirect = await slackPage.GetAsync(authorizeLink);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return redirect.Headers.Location!.PathAndQuery;
    }

    /// <summary>The whole flow for one workspace, with Slack's oauth.v2.access answer scripted first.</summary>
    public Task<(HttpResponseMessage Response, string Page, string RedirectBack)> InstallAsync(
        string team, string token, string botUser, string? refreshToken = null, int? expiresIn = null, string? refreshedToken = null) =>
        InstallAsync(Slack, Factory, team, token, botUser, refreshToken, expiresIn, refreshedToken);

    public static async Task<(HttpResponseMessage Response, string Page, string RedirectBack)> InstallAsync(
        FakeSlackWebApi slack, PickBotApiFactory factory, string team, string token, string botUser, string? refreshToken = null, int? expiresIn = null, string? refreshedToken = null)
    {
        slack.EnqueueJson(OAuthAccess, AccessJson(team, token, botUser, refreshToken, expiresIn));
        if (refreshedToken is not null)
        {
            slack.EnqueueJson(OAuthAccess, AccessJson(team, refreshedToken, botUser, refreshToken + "-next", 43200));
        }

        slack.EnqueueJson("/api/auth.test", $$"""{"ok":true,"user_id":"{{botUser}}","team_id":"{{team}}"}""");
        using var browser = Browser(factory);
        var back = await AllowAsync(await AddToSlackLinkAsync(browser));
        var response = await browser.GetAsync(back);
        return (response, await response.Content.ReadAsStringAsync(), back);
    }

    public static string AccessJson(string team, string token, string botUser, string? refreshToken = null, int? expiresIn = null)
    {
        var rotation = refreshToken is null ? string.Empty : $$""","refresh_token":"{{refreshToken}}","expires_in":{{expiresIn}}""";
        return $$"""
            {"ok":true,"access_token":"{{token}}","token_type":"bot","scope":"commands,app_mentions:read,chat:write,im:history",
             "bot_user_id":"{{botUser}}","app_id":"A0PICKBOT","team":{"id":"{{team}}","name":"Team {{team}}"},"enterprise":null,
             "is_enterprise_install":false,"authed_user":{"id":"UINSTALLER"}{{rotation}}}
            """;
    }

    /// <summary>An Events API envelope from <paramref name="team"/>, as Slack signs and sends it.</summary>
    public static HttpRequestMessage Event(string team, string eventId, object inner) => SlackRequests.Event(JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["token"] = "ignored",
        ["team_id"] = team,
        ["api_app_id"] = "A0PICKBOT",
        ["event"] = inner,
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000000,
        ["authorizations"] = new[] { new { enterprise_id = (string?)null, team_id = team, user_id = "UBOT", is_bot = true, is_enterprise_install = false } },
    }));

    public static object Mention(string botUser, string channel, string text = "mtl vs stl for a spam filter") =>
        new { type = "app_mention", user = "U123", text = $"<@{botUser}> {text}", ts = "1700000000.000100", channel, event_ts = "1700000000.000100" };

    /// <summary>A signed slash command from <paramref name="team"/>.</summary>
    public static HttpRequestMessage Command(string team, string text, string user = "U123") => SlackRequests.WithSignature(
        "/slack/commands",
        $"team_id={team}&team_domain={team.ToLowerInvariant()}&channel_id=C{team}&channel_name=general&user_id={user}&user_name=ada&command=%2Fpick&text={Uri.EscapeDataString(text)}&api_app_id=A0PICKBOT",
        "application/x-www-form-urlencoded");

    [GeneratedRegex("href=\"([^\"]*oauth/v2/authorize[^\"]*)\"")]
    private static partial Regex AuthorizeLink();
}
