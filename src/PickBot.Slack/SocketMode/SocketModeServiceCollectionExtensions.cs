using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PickBot.Slack.SocketMode;

public static class SocketModeServiceCollectionExtensions
{
    public const string HttpClientName = "slack-socket-mode";

    /// <summary>
    /// Registers Socket Mode (options from section "Slack", validated at start; the client and the service that runs
    /// it when Slack:Mode is Socket or Both). Envelopes go to the HTTP adapter's handlers, so call AddPickBotSlack() too.
    /// </summary>
    public static IServiceCollection AddPickBotSocketMode(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SocketModeOptions>()
            .BindConfiguration(SocketModeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SocketModeStatus>();
        services.TryAddSingleton<SocketModeClient>();
        services.TryAddSingleton<ISocketModeDispatcher, SlackSocketModeDispatcher>();

        // No resilience handler: the connection loop owns retries, and a Retry-After must reach it unchanged.
        services.AddHttpClient<ConnectionsOpenClient>(HttpClientName);
        services.AddHostedService<SocketModeService>();
        return services;
    }
}
