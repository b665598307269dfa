using Microsoft.AspNetCore.Routing;
using PickBot.Slack.Hosting;

namespace PickBot.Slack;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps POST /slack/commands, /slack/events and /slack/interactions (see <see cref="SlackEndpoints"/>). They answer
    /// 401 to everything while no signing secret is configured.
    /// </summary>
    public static IEndpointRouteBuilder MapPickBotSlack(this IEndpointRouteBuilder endpoints) => SlackEndpoints.Map(endpoints);
}
