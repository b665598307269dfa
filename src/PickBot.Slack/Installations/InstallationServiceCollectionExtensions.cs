using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.Installations;

public static class InstallationServiceCollectionExtensions
{
    /// <summary>
    /// The token seam (<see cref="ISlackTokenProvider"/>: the configured token, or each team's installation when the
    /// OAuth flow is configured), the installations, rotation, and the install flow. The store defaults to memory; the
    /// host registers a lasting one first.
    /// </summary>
    public static IServiceCollection AddPickBotSlackInstallations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SlackInstallOptions>()
            .BindConfiguration(SlackInstallOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IInstallationStore, InMemoryInstallationStore>();
        services.TryAddSingleton<SlackInstallations>();
        services.TryAddSingleton<TokenRotation>();
        services.TryAddSingleton<ConfiguredTokenProvider>();
        services.TryAddSingleton<InstalledTokenProvider>();
        services.TryAddSingleton<ISlackTokenProvider>(sp => sp.GetRequiredService<IOptions<SlackInstallOptions>>().Value.Enabled
            ? sp.GetRequiredService<InstalledTokenProvider>()
            : sp.GetRequiredService<ConfiguredTokenProvider>());
        services.TryAddSingleton<OAuthState>();
        services.TryAddSingleton<InstallScopes>();
        services.TryAddSingleton<SlackInstaller>();
        services.AddHttpClient<SlackOAuthClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SlackOptions>>().Value.AttemptTimeout);
        services.AddHostedService<TokenRotationService>();
        return services;
    }
}
