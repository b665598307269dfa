using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PickBot.Slack.Hosting;
using PickBot.Slack.Installations;

namespace PickBot.Slack;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps POST /slack/commands, /slack/events and /slack/interactions (see <see cref="SlackEndpoints"/>). They answer
    /// 401 to everything while no signing secret is configured.
    /// </summary>
    public static IEndpointRouteBuilder MapPickBotSlack(this IEndpointRouteBuilder endpoints) => SlackEndpoints.Map(endpoints);

    /// <summary>
    /// Maps GET /slack/install and /slack/oauth_redirect (see <see cref="InstallEndpoints"/>) when the OAuth flow is
    /// configured; over HTTP even in Socket Mode, since Slack sends the browser back to a URL. Reads the install scopes
    /// now, so a missing manifest stops the start instead of the first installation.
    /// </summary>
    public static IEndpointRouteBuilder MapPickBotSlackInstall(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<SlackInstallOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        _ = endpoints.ServiceProvider.GetRequiredService<InstallScopes>().Value;
        return InstallEndpoints.Map(endpoints);
    }
}
