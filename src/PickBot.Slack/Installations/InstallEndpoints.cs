using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Installations;

/// <summary>
/// The "Add to Slack" flow: <c>GET /slack/install</c> shows the button (and sets the state cookie),
/// <c>GET /slack/oauth_redirect</c> is where Slack sends the browser back. Every outcome is a small page that says what
/// happened; a refused state calls nothing.
/// </summary>
public static class InstallEndpoints
{
    public const string InstallPath = "/slack/install";
    public const string RedirectPath = "/slack/oauth_redirect";

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(InstallPath, Install);
        endpoints.MapGet(RedirectPath, RedirectAsync);
        return endpoints;
    }

    private static IResult Install(HttpContext context, OAuthState states, InstallScopes scopes, IOptions<SlackInstallOptions> options)
    {
        var install = options.Value;
        var (state, nonce) = states.Issue();
        context.Response.Cookies.Append(OAuthState.CookieName, nonce, Cookie(install));
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("client_id", install.ClientId),
            new("scope", scopes.Value),
            new("redirect_uri", install.RedirectUrl),
            new("state", state),
        });
        var url = HtmlEncoder.Default.Encode(install.AuthorizeUrl + query.ToUriComponent());
        context.Response.Headers.CacheControl = "no-store";
        return Page(
            StatusCodes.Status200OK,
            "Add PickBot to Slack",
            "PickBot answers architecture questions with a pick and its reasons, from your team's own knowledge base.",
            $"""<p><a class="button" href="{url}">Add to Slack</a></p><p class="small">The link is good for 10 minutes, in this browser.</p>""");
    }

    private static async Task<IResult> RedirectAsync(
        HttpContext context,
        OAuthState states,
        SlackInstaller installer,
        IOptions<SlackInstallOptions> options,
        ILoggerFactory logs)
    {
        var log = logs.CreateLogger(typeof(InstallEndpoints));
        var query = context.Request.Query;
        var cookie = context.Request.Cookies[OAuthState.CookieName];
        context.Response.Cookies.Delete(OAuthState.CookieName, Cookie(options.Value));
        context.Response.Headers.CacheControl = "no-store";
        string? error = query["error"];
        if (!string.IsNullOrEmpty(error))
        {
            log.LogInformation("Installation not completed: Slack returned error {Error}", error);
            return error == "access_denied"
                ? Page(StatusCodes.Status200OK, "Installation cancelled", "PickBot was not installed: the installation was cancelled in Slack.", AgainLink)
                : Page(StatusCodes.Status400BadRequest, "Installation failed", $"Slack reported: {error}. PickBot was not installed.", AgainLink);
        }

        var check = await states.CheckAsync(query["state"], cookie, context.RequestAborted);
        if (check != OAuthStateCheck.Valid)
        {
            log.LogWarning("Refused an OAuth redirect: state {Check}; nothing was called", check);
            return Page(StatusCodes.Status400BadRequest, "Installation link not valid", Explain(check), AgainLink);
        }

        string? code = query["code"];
        if (string.IsNullOrEmpty(code))
        {
            return Page(StatusCodes.Status400BadRequest, "Installation failed", "Slack sent no authorization code. PickBot was not installed.", AgainLink);
        }

        var (installation, failure) = await installer.InstallAsync(code, context.RequestAborted);
        if (installation is null)
        {
            log.LogWarning("Installation failed: oauth.v2.access gave {Error}", failure);
            return Page(StatusCodes.Status400BadRequest, "Installation failed", $"Slack did not complete the installation ({failure}). PickBot was not installed.", AgainLink);
        }

        var where = installation.TeamName ?? installation.EnterpriseName ?? installation.TeamId ?? installation.EnterpriseId;
        var open = installation.AppId is { } app && installation.TeamId is { } team
            ? $"""<p><a class="button" href="https://slack.com/app_redirect?app={Uri.EscapeDataString(app)}&amp;team={Uri.EscapeDataString(team)}">Open PickBot in Slack</a></p>"""
            : string.Empty;
        return Page(StatusCodes.Status200OK, "PickBot is installed", $"PickBot is installed in {where}. Try /pick kafka vs rabbitmq, or mention @PickBot in a thread.", open);
    }

    private const string AgainLink = $"""<p><a href="{InstallPath}">Start the installation again</a></p>""";

    private static string Explain(OAuthStateCheck check) => check switch
    {
        OAuthStateCheck.Missing => "The link from Slack carried no state. Start the installation from PickBot's install page.",
        OAuthStateCheck.Expired => "The installation took longer than 10 minutes. Start it again.",
        OAuthStateCheck.OtherBrowser => "The installation was started in another browser (or its cookie was cleared). Start it again in this one.",
        OAuthStateCheck.Used => "This installation link was already used. Start the installation again.",
        _ => "The link's state was not issued by this PickBot. Start the installation from PickBot's install page.",
    };

    /// <summary>Lax, so the cookie comes back on Slack's top-level redirect; secure whenever PickBot is served over HTTPS.</summary>
    private static CookieOptions Cookie(SlackInstallOptions options) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = options.RedirectUrl?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true,
        Path = "/slack",
        MaxAge = OAuthState.Lifetime,
    };

    private static IResult Page(int status, string title, string message, string extraHtml)
    {
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{HtmlEncoder.Default.Encode(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1c1d}
            .button{display:inline-block;background:#4a154b;color:#fff;padding:.6rem 1.2rem;border-radius:4px;text-decoration:none;font-weight:600}
            .small{color:#616061;font-size:.9rem}</style></head>
            <body><h1>{{HtmlEncoder.Default.Encode(title)}}</h1><p>{{HtmlEncoder.Default.Encode(message)}}</p>{{extraHtml}}</body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
