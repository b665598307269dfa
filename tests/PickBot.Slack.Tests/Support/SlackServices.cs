using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Tests.Support;

/// <summary>The adapter's real registrations over in-memory configuration, for tests below the host.</summary>
internal static class SlackServices
{
    public static ServiceProvider Create(string apiBaseUrl, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "test-secret",
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = apiBaseUrl,
            ["Slack:RetryBaseDelay"] = "00:00:00.010",
            ["Slack:AttemptTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPickBotSlack();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static ISlackApiClient Client(this ServiceProvider provider) => provider.GetRequiredService<ISlackApiClient>();
}
