using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Installations;
using PickBot.Slack.Installations;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Installations;

/// <summary>Installing in several workspaces through the real host: the OAuth flow, the state's defences, each team's token, uninstall and rotation.</summary>
public sealed class InstallFlowTests(MultiWorkspaceHost host) : IClassFixture<MultiWorkspaceHost>
{
    private const string PostMessage = "/api/chat.postMessage";

    [Fact]
    public async Task InstallPage_Link_CarriesClientIdManifestScopesRedirectAndState()
    {
        using var browser = host.Browser();

        var link = await MultiWorkspaceHost.AddToSlackLinkAsync(browser);

        Assert.Equal(host.Slack.AuthorizeUrl, link.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(link.Query);
        Assert.Equal(MultiWorkspaceHost.ClientId, query["client_id"].ToString());
        Assert.Equal(string.Join(',', InstallScopes.FromManifest(File.ReadAllText(Path.Combine(Repository.Root, "slack", "manifest.yml")))), query["scope"].ToString());
        Assert.Contains("chat:write", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.Equal("http://localhost/slack/oauth_redirect", query["redirect_uri"].ToString());
        Assert.False(string.IsNullOrEmpty(query["state"]));
    }

    [Fact]
    public async Task TwoWorkspaces_EventFromEach_AnsweredWithItsOwnToken()
    {
        var (first, firstPage, _) = await host.InstallAsync("TALPHA", "xoxb-alpha", "UBOTALPHA");
        var (second, _, _) = await host.InstallAsync("TBETA", "xoxb-beta", "UBOTBETA");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("PickBot is installed in Team TALPHA", firstPage, StringComparison.Ordinal);

        // The code went to oauth.v2.access with the client id and secret as HTTP Basic, as Slack asks.
        var exchange = host.Slack.RequestsTo(MultiWorkspaceHost.OAuthAccess).First(r => r.Body.Contains("code=", StringComparison.Ordinal));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MultiWorkspaceHost.ClientId}:{MultiWorkspaceHost.ClientSecret}")), exchange.Authorization);
        Assert.Contains("redirect_uri=http%3A%2F%2Flocalhost%2Fslack%2Foauth_redirect", exchange.Body, StringComparison.Ordinal);

        // auth.test ran once per installation, each with its own new token.
        var authTests = host.Slack.RequestsTo("/api/auth.test").Select(r => r.Authorization).ToList();
        Assert.Contains("Bearer xoxb-alpha", authTests);
        Assert.Contains("Bearer xoxb-beta", authTests);

        using var fromAlpha = await host.Factory.CreateClient().SendAsync(MultiWorkspaceHost.Event("TALPHA", "Ev-alpha-1", MultiWorkspaceHost.Mention("UBOTALPHA", "CALPHA")));
        using var fromBeta = await host.Factory.CreateClient().SendAsync(MultiWorkspaceHost.Event("TBETA", "Ev-beta-1", MultiWorkspaceHost.Mention("UBOTBETA", "CBETA")));

        Assert.Equal(HttpStatusCode.OK, fromAlpha.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromBeta.StatusCode);
        var alphaReply = await PostToAsync("CALPHA");
        var betaReply = await PostToAsync("CBETA");
        Assert.Equal("Bearer xoxb-alpha", alphaReply.Authorization);
        Assert.Equal("Bearer xoxb-beta", betaReply.Authorization);

        // Each team's own bot mention was stripped: the question was understood in both.
        Assert.Contains("Single Task Learning", (string?)alphaReply.Json!["text"], StringComparison.Ordinal);
        Assert.Contains("Single Task Learning", (string?)betaReply.Json!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_UsedTwice_SecondRefusedWithNoCall()
    {
        var (response, _, back) = await host.InstallAsync("TREUSE", "xoxb-reuse", "UBOTREUSE");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = host.Slack.RequestsTo(MultiWorkspaceHost.OAuthAccess).Count;

        using var browser = host.Browser();
        using var again = await browser.GetAsync(back);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(calls, host.Slack.RequestsTo(MultiWorkspaceHost.OAuthAccess).Count);
    }

    [Fact]
    public async Task Redirect_TamperedMissingOrOtherBrowsersState_RefusedWithClearPageAndNoCall()
    {
        var calls = host.Slack.RequestsTo(MultiWorkspaceHost.OAuthAccess).Count;
        using var browser = host.Browser();
        var back = await MultiWorkspaceHost.AllowAsync(await MultiWorkspaceHost.AddToSlackLinkAsync(browser));
        var state = QueryHelpers.ParseQuery(new Uri("http://localhost" + back).Query)["state"].ToString();
        var tampered = state[..^3] + (state[^3] == 'A' ? 'B' : 'A') + state[^2..];

        using var forged = await browser.GetAsync($"/slack/oauth_redirect?code=fake-code-x&state={Uri.EscapeDataString(tampered)}");
        var forgedPage = await forged.Content.ReadAsStringAsync();
        using var missing = await host.Browser().GetAsync("/slack/oauth_redirect?code=fake-code-x");
        using var otherBrowser = await host.Browser().GetAsync(back);
        using var denied = await host.Browser().GetAsync("/slack/oauth_redirect?error=access_denied&state=" + Uri.EscapeDataString(state));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("not issued by this PickBot", forgedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherBrowser.StatusCode);
        Assert.Contains("another browser", await otherBrowser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains("cancelled", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(calls, host.Slack.RequestsTo(MultiWorkspaceHost.OAuthAccess).Count);
    }

    [Fact]
    public async Task AppUninstalled_DeletesTheInstallation_LaterEventsAckedButNotAnswered()
    {
        await host.InstallAsync("TGONE", "xoxb-gone", "UBOTGONE");
        var store = host.Factory.Services.GetRequiredService<IInstallationStore>();
        Assert.NotNull(await store.FindAsync("T:TGONE"));

        using var uninstall = await host.Factory.CreateClient().SendAsync(MultiWorkspaceHost.Event("TGONE", "Ev-gone-uninstall", new { type = "app_uninstalled", event_ts = "1700000001.000000" }));
        using var later = await host.Factory.CreateClient().SendAsync(MultiWorkspaceHost.Event("TGONE", "Ev-gone-mention", MultiWorkspaceHost.Mention("UBOTGONE", "CGONE")));

        Assert.Equal(HttpStatusCode.OK, uninstall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Null(await store.FindAsync("T:TGONE"));
        await Eventually.FindAsync(() => Task.FromResult(host.Factory.Logs.FirstOrDefault(l => l.Contains("Ev-gone-mention", StringComparison.Ordinal) && l.Contains("no installation", StringComparison.Ordinal))));
        Assert.DoesNotContain(host.Slack.Requests, r => r.Authorization == "Bearer xoxb-gone" && r.Path == PostMessage);
    }

    [Fact]
    public async Task EventFromTeamNeverInstalled_AckedLoggedAndNotAnsweredWithAnotherTeamsToken()
    {
        await host.InstallAsync("TKNOWN", "xoxb-known", "UBOTKNOWN");

        using var response = await host.Factory.CreateClient().SendAsync(MultiWorkspaceHost.Event("TSTRANGER", "Ev-stranger", MultiWorkspaceHost.Mention("UBOTX", "CSTRANGER")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.FindAsync(() => Task.FromResult(host.Factory.Logs.FirstOrDefault(l => l.Contains("Ev-stranger", StringComparison.Ordinal) && l.Contains("no installation", StringComparison.Ordinal))));
        Assert.DoesNotContain(host.Slack.Requests, r => r.Path == PostMessage && (string?)r.Json?["channel"] == "CSTRANGER");
    }

    [Fact]
    public async Task TokenRotation_TokenDueSoon_RefreshedBeforeExpiryAndUsedForReplies()
    {
        // Expires in 2 minutes, inside the 5-minute refresh window the host is configured with: due before it expires.
        var (response, _, _) = await host.InstallAsync("TROTATE", "xoxb-rotate-1", "UBOTROTATE", refreshToken: "xoxe-1-rotate", expiresIn: 120, refreshedToken: "xoxb-rotate-2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var refresh = Assert.Single(host.Slack.RequestsTo(MultiWorkspaceHost.OAuthAccess), r => r.Body.Contains("grant_type=refresh_token", StringComparison.Ordinal));
        Assert.Contains("refresh_token=xoxe-1-rotate", refresh.Body, StringComparison.Ordinal);
        Assert.StartsWith("Basic ", refresh.Authorization, StringComparison.Ordinal);
        var installation = await host.Factory.Services.GetRequiredService<IInstallationStore>().FindAsync("T:TROTATE");
        Assert.Equal("xoxb-rotate-2", installation!.BotToken);
        Assert.Equal("xoxe-1-rotate-next", installation.RefreshToken);
        Assert.True(installation.ExpiresAt > DateTimeOffset.UtcNow.AddHours(11), $"expires {installation.ExpiresAt}");

        using var mention = await host.Factory.CreateClient().SendAsync(MultiWorkspaceHost.Event("TROTATE", "Ev-rotate", MultiWorkspaceHost.Mention("UBOTROTATE", "CROTATE")));
        Assert.Equal("Bearer xoxb-rotate-2", (await PostToAsync("CROTATE")).Authorization);
        Assert.DoesNotContain(host.Slack.Requests, r => r.Authorization == "Bearer xoxb-rotate-1");
    }

    [Fact]
    public async Task Store_OnDisk_HoldsNoTokenInTheClear()
    {
        await host.InstallAsync("TSECRET", "xoxb-secret-at-rest", "UBOTSECRET");

        var file = Path.Combine(host.DataPath, InstallationStoreServiceCollectionExtensions.InstallationsFile);
        var bytes = await File.ReadAllBytesAsync(file);
        var wal = File.Exists(file + "-wal") ? await File.ReadAllBytesAsync(file + "-wal") : [];

        Assert.DoesNotContain("xoxb-secret-at-rest", Encoding.UTF8.GetString(bytes) + Encoding.UTF8.GetString(wal), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(host.DataPath, InstallationStoreServiceCollectionExtensions.KeysFolder), "key-*.xml"));
        Assert.Equal("xoxb-secret-at-rest", (await host.Factory.Services.GetRequiredService<IInstallationStore>().FindAsync("T:TSECRET"))!.BotToken);
    }

    [Fact]
    public async Task KnowledgePerWorkspace_CommandsAndStatus_SeeTheirWorkspacesSet()
    {
        using var client = host.Factory.CreateClient();

        using var alpha = await client.SendAsync(MultiWorkspaceHost.Command("TALPHA", "mtl vs stl for a spam filter"));
        using var beta = await client.SendAsync(MultiWorkspaceHost.Command("TBETA", "mtl vs stl for a spam filter"));
        using var alphaStatus = await client.SendAsync(MultiWorkspaceHost.Command("TALPHA", "status", MultiWorkspaceHost.Admin));
        using var betaStatus = await client.SendAsync(MultiWorkspaceHost.Command("TBETA", "status", MultiWorkspaceHost.Admin));

        Assert.Contains(MultiWorkspaceHost.AlphaTitle, await alpha.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var betaAnswer = await beta.Content.ReadAsStringAsync();
        Assert.Contains("Multi-Task Learning vs Single Task Learning", betaAnswer, StringComparison.Ordinal);
        Assert.DoesNotContain(MultiWorkspaceHost.AlphaTitle, betaAnswer, StringComparison.Ordinal);
        Assert.Contains("sees the shared knowledge plus 1 comparison of its own", await alphaStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("of its own", await betaStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<RecordedRequest> PostToAsync(string channel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (host.Slack.RequestsTo(PostMessage).FirstOrDefault(r => (string?)r.Json?["channel"] == channel) is { } post)
            {
                return post;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no chat.postMessage to {channel}");
    }
}
