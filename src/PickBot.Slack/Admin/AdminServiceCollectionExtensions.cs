using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PickBot.Core.Knowledge;
using PickBot.Slack.Limits;

namespace PickBot.Slack.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Admin commands, the per-user limit for <c>/pick</c>, and the Slack notifier, which replaces the default one that
    /// only logs (registered with Add, so it wins whichever order the registrations ran in).
    /// </summary>
    public static IServiceCollection AddPickBotSlackAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SlackAdminOptions>()
            .BindConfiguration(SlackAdminOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Admins().All(id => id.Length > 1 && id[0] is 'U' or 'W' && id.All(char.IsAsciiLetterOrDigit)), "Slack:AdminUserIds must be Slack user ids such as U012AB3CD")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UserRateLimiter>();
        services.TryAddSingleton<IRateLimiter>(sp => sp.GetRequiredService<UserRateLimiter>());
        services.TryAddSingleton<AdminCommands>();
        services.AddSingleton<IAdminNotifier, SlackAdminNotifier>();
        return services;
    }
}
