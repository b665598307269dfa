using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Installations;

/// <summary>
/// oauth.v2.access at <c>Slack:ApiBaseUrl</c>: a code for an installation, or a refresh token for a new bot token. The
/// client id and secret go as HTTP Basic authentication, as Slack asks. Not retried here: a code is good once, and a
/// refresh that fails is retried on the rotation's own schedule.
/// </summary>
public sealed class SlackOAuthClient(
    HttpClient http,
    IOptions<SlackOptions> slack,
    IOptions<SlackInstallOptions> install,
    ILogger<SlackOAuthClient> logger)
{
    public const string Method = "oauth.v2.access";

    public Task<OAuthAccess> ExchangeCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return CallAsync("code exchange", [new("code", code), new("redirect_uri", install.Value.RedirectUrl!)], cancellationToken);
    }

    public Task<OAuthAccess> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return CallAsync("token refresh", [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);
    }

    private async Task<OAuthAccess> CallAsync(string what, KeyValuePair<string, string>[] fields, CancellationToken cancellationToken)
    {
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{install.Value.ClientId}:{install.Value.ClientSecret}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(slack.Value.ApiBaseUri, Method))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Slack {Method} ({What}) failed with HTTP {Status}", Method, what, (int)response.StatusCode);
                return OAuthAccess.Failed($"http_{(int)response.StatusCode}");
            }

            var access = OAuthAccess.Parse(text);
            if (!access.Ok)
            {
                logger.LogWarning("Slack {Method} ({What}) returned ok=false, error {Error}", Method, what, access.Error);
            }

            return access;
        }
        catch (JsonException)
        {
            logger.LogWarning("Slack {Method} ({What}) answered something other than JSON", Method, what);
            return OAuthAccess.Failed("invalid_response");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Slack {Method} ({What}) could not be sent: {Reason}", Method, what, e.Message);
            return OAuthAccess.Failed("http_error");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Slack {Method} ({What}) timed out", Method, what);
            return OAuthAccess.Failed("timeout");
        }
    }
}
