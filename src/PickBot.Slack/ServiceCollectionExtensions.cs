using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using PickBot.Slack.Admin;
using PickBot.Slack.Commands;
using PickBot.Slack.Conversations;
using PickBot.Slack.Events;
using PickBot.Slack.Feedback;
using PickBot.Slack.Home;
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
        services.TryAddSingleton<IIntakeJournal, InMemoryIntakeJournal>();
        services.TryAddSingleton<SlackWorkChannel>();
        services.TryAddSingleton<SlackEventDispatcher>();
        services.TryAddSingleton<UnansweredRecorder>();
        services.AddPickBotConversations();
        services.AddPickBotSlackAdmin();
        services.AddPickBotSlackInstallations();
        services.TryAddSingleton<PickCommandHandler>();
        services.TryAddSingleton<AppMentionHandler>();
        services.TryAddSingleton<CommandRephraseHandler>();
        services.TryAddSingleton<InteractionHandler>();
        services.TryAddSingleton<AppHomeHandler>();
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
                .AddResilienceHandler(ResiliencePipelineName, ConfigureResilience)
                .SelectPipelineBy(sp => PipelineKey(sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUri));

            // PickBot writes one line per failed attempt itself (below); Polly's own telemetry would add a warning with
            // a full stack trace for every attempt of every expected network failure. Its metrics stay.
            services.Configure<TelemetryOptions>(telemetry =>
            {
                var previous = telemetry.SeverityProvider;
                telemetry.SeverityProvider = args => args.Source.PipelineName?.EndsWith(ResiliencePipelineName, StringComparison.Ordinal) == true
                    ? ResilienceEventSeverity.None
                    : previous?.Invoke(args) ?? args.Event.Severity;
            });
        }

        return services;
    }

    /// <summary>
    /// One pipeline, and so one circuit breaker, for the Web API and one per host of response_urls: failing
    /// response_urls (they expire after 30 minutes and five uses) must not stop chat.postMessage, nor the reverse.
    /// </summary>
    internal static Func<HttpRequestMessage, string> PipelineKey(Uri apiBase) => request =>
        request.RequestUri is not { } uri ? "web-api"
        : apiBase.IsBaseOf(uri) ? "web-api"
        : "response_url " + uri.Authority;

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
                ShouldHandle = args => SlackErrors.ShouldRetryAsync(args.Outcome, args.Context.CancellationToken, args.Context.GetRequestMessage()),
                OnRetry = args =>
                {
                    // One line per failed attempt, with the next delay, so the backoff shows; never a stack trace.
                    logger.LogWarning(
                        "Slack {Target} attempt {Attempt} of {Attempts} failed ({Outcome}); next attempt in {DelayMs} ms",
                        Target(args.Context.GetRequestMessage()),
                        args.AttemptNumber + 1,
                        options.RetryMaxAttempts + 1,
                        Describe(args.Outcome),
                        (long)args.RetryDelay.TotalMilliseconds);
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
                logger.LogError("Slack {Pipeline} circuit open for {BreakDuration} after repeated failures ({Outcome}); calls fail fast meanwhile", context.InstanceName, args.BreakDuration, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("Slack {Pipeline} circuit closed: calls go through again", context.InstanceName);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
    }

    internal static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception is { } e
        ? SlackErrors.Reason(e)
        : outcome.Result is { StatusCode: HttpStatusCode.OK } ? "transient ok=false" : $"HTTP {(int?)outcome.Result?.StatusCode}";

    /// <summary>The method ("chat.postMessage"), or the host of a response_url: its path is a credential.</summary>
    private static string Target(HttpRequestMessage? request) => request?.RequestUri switch
    {
        null => "call",
        { } uri when uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) => uri.AbsolutePath["/api/".Length..],
        { } uri => "response_url on " + uri.Authority,
    };
}
