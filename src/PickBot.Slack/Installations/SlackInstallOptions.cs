using System.ComponentModel.DataAnnotations;

namespace PickBot.Slack.Installations;

/// <summary>
/// Installing PickBot in many workspaces (section "Slack", beside <see cref="SlackOptions"/>). Off until the client id,
/// the client secret (environment only: <c>Slack__ClientSecret</c>) and the redirect URL are all set; then every event
/// is answered with its own workspace's token, and <c>Slack:BotToken</c> serves only calls made outside any workspace.
/// </summary>
public sealed class SlackInstallOptions : IValidatableObject
{
    public const string SectionName = "Slack";

    /// <summary>The app's client id (Basic Information → App Credentials).</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret. A secret: from the environment only.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>PickBot's public <c>/slack/oauth_redirect</c> address, as listed under the manifest's <c>redirect_urls</c>.</summary>
    public string? RedirectUrl { get; set; }

    /// <summary>Slack's authorize page; a test points it at a fake.</summary>
    [Required]
    public string AuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>Bot scopes to ask for, comma separated. Empty: the manifest's <c>oauth_config.scopes.bot</c>.</summary>
    public string? InstallScopes { get; set; }

    /// <summary>The manifest the scopes are read from, relative to the content root.</summary>
    [Required]
    public string ManifestPath { get; set; } = "slack/manifest.yml";

    /// <summary>With token rotation on, how long before expiry a token is refreshed (Bolt: 2 hours of a 12-hour token).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "11:00:00")]
    public TimeSpan TokenRefreshBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the installations are checked for tokens to refresh.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan TokenCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after a failed refresh; it doubles with every failure, up to <see cref="TokenRefreshMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TokenRefreshRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "06:00:00")]
    public TimeSpan TokenRefreshMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The OAuth flow is on: PickBot serves <c>/slack/install</c> and keeps an installation per workspace.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(RedirectUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string?[] parts = [ClientId, ClientSecret, RedirectUrl];
        if (!Enabled && parts.Any(p => !string.IsNullOrWhiteSpace(p)))
        {
            var missing = new[] { (nameof(ClientId), ClientId), (nameof(ClientSecret), ClientSecret), (nameof(RedirectUrl), RedirectUrl) }
                .Where(p => string.IsNullOrWhiteSpace(p.Item2))
                .Select(p => "Slack:" + p.Item1);
            yield return new ValidationResult($"Installing in many workspaces needs Slack:ClientId, Slack:ClientSecret and Slack:RedirectUrl; missing {string.Join(", ", missing)}", [nameof(ClientId)]);
        }

        if (!string.IsNullOrWhiteSpace(RedirectUrl) && !IsHttpUrl(RedirectUrl))
        {
            yield return new ValidationResult($"Slack:RedirectUrl must be an absolute http(s) URL, not '{RedirectUrl}'", [nameof(RedirectUrl)]);
        }

        if (!IsHttpUrl(AuthorizeUrl))
        {
            yield return new ValidationResult($"Slack:AuthorizeUrl must be an absolute http(s) URL, not '{AuthorizeUrl}'", [nameof(AuthorizeUrl)]);
        }

        if (TokenRefreshMaxDelay < TokenRefreshRetryDelay)
        {
            yield return new ValidationResult("Slack:TokenRefreshMaxDelay must be at least Slack:TokenRefreshRetryDelay", [nameof(TokenRefreshMaxDelay)]);
        }
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
