using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using PickBot.Slack.Admin;
using PickBot.Slack.Commands;
using PickBot.Slack.Events;
using PickBot.Slack.Feedback;
using PickBot.Slack.Hosting;
using PickBot.Slack.Installations;
using PickBot.Slack.Interactions;
using PickBot.Slack.Verification;
using PickBot.Slack.WebApi;

namespace PickBot.Slack;

public static class ServiceCollectionExtensions
{
    public const string ResiliencePipelineName = "slack-web-api";

    /// <summary>
    /// Registers the Slack adapter: options (section "Slack", validated at start), signature check, handlers, the work
    /// queue and its worker, and the Web API client with its resilience pipeline. Needs <c>AddPickBotCore()</c> and an
    /// <see cref="PickBot.Core.Feedback.IFeedbackStore"/>. Defaults use TryAdd so a host or a test can replace them.
    /// </summary>
    public static IServiceCollection AddPickBotSlack(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SlackOptions>()
            .BindConfiguration(SlackOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SlackSignatureVerifier(sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SlackRequestReader>();
        services.TryAddSingleton(sp => new BotIdentity(sp.GetRequiredService<IOptions<SlackOptions>>().Value.BotUserId));
        services.TryAddSingleton<IEventDeduplicator, InMemoryEventDeduplicator>();
        services.TryAddSingleton<SlackWorkChannel>();
        services.TryAddSingleton<SlackEventDispatcher>();
        services.TryAddSingleton<UnansweredRecorder>();
        services.AddPickBotSlackAdmin();
        services.AddPickBotSlackInstallations();
        services.TryAddSingleton<PickCommandHandler>();
        services.TryAddSingleton<AppMentionHandler>();
        services.TryAddSingleton<CommandRephraseHandler>();
        services.TryAddSingleton<InteractionHandler>();
        services.AddHostedService<SlackWorker>();
        services.AddHostedService<BotIdentityResolver>();
        services.AddHostedService<SlackStartupReport>();

        if (!services.Any(d => d.ServiceType == typeof(ISlackApiClient)))
        {
            services.AddHttpClient<ISlackApiClient, SlackApiClient>(http =>
                {
                    // The resilience pipeline owns timeouts; this only stops a call that somehow outlives it.
                    http.Timeout = Timeout.InfiniteTimeSpan;
                })
                .AddResilienceHandler(ResiliencePipelineName, ConfigureResilience);
        }

        return services;
    }

    /// <summary>Total timeout → retry (Retry-After on 429, jittered exponential backoff otherwise) → circuit breaker → attempt timeout.</summary>
    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<SlackApiClient>();
        builder.AddTimeout(options.TotalTimeout);
        if (options.RetryMaxAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.RetryMaxAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => SlackErrors.ShouldRetryAsync(args.Outcome, args.Context.CancellationToken),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Slack Web API attempt {Attempt} to {Uri} failed ({Outcome}); retrying in {Delay}",
                        args.AttemptNumber + 1,
                        args.Outcome.Result?.RequestMessage?.RequestUri?.AbsolutePath,
                        Describe(args.Outcome),
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
            ShouldHandle = args => SlackErrors.ShouldBreak(args.Outcome),

            // Logged here, not left to Polly's own telemetry: appsettings.json keeps the "Polly" category at Warning.
            OnOpened = args =>
            {
                logger.LogError("Slack Web API circuit open for {BreakDuration} after repeated failures ({Outcome}); calls fail fast meanwhile", args.BreakDuration, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("Slack Web API circuit closed: calls go through again");
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception is { } e
        ? e.GetType().Name
        : outcome.Result is { StatusCode: HttpStatusCode.OK } ? "transient ok=false" : $"HTTP {(int?)outcome.Result?.StatusCode}";
}
