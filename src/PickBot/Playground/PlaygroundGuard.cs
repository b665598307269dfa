using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PickBot.Playground;

/// <summary>
/// The playground's locks, applied to a route group so that every page and API route mapped on it, today's and any
/// added later, gets them: who may come in (<see cref="PlaygroundAccess"/>) and how often <c>/api/ask</c> may be asked.
/// </summary>
public static class PlaygroundGuard
{
    public static IServiceCollection AddPlaygroundRateLimit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };

            // One bucket for the whole playground: behind a tunnel every visitor shares the loopback peer and can name
            // any forwarded address, so a per-client key would be the attacker's to choose. The bucket bounds what the
            // playground can cost the bot, whoever asks.
            limiter.AddPolicy(PlaygroundAccess.AskPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<PlaygroundOptions>>().Value.AskPerMinute;
                return RateLimitPartition.GetTokenBucketLimiter(PlaygroundAccess.AskPolicy, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = Math.Max(1, perMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(perMinute >= 60 ? 1 : 60.0 / perMinute),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }

    /// <summary>Marks every route of the group as the playground's.</summary>
    public static RouteGroupBuilder RequirePlaygroundAccess(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.WithMetadata(PlaygroundRoute.Instance);
    }

    /// <summary>
    /// The access check, then the rate limiter, for every endpoint marked by <see cref="RequirePlaygroundAccess"/>:
    /// middleware rather than an endpoint filter so that it holds for any kind of endpoint (static files too), and runs
    /// before the limiter, so that requests without the token cannot use up the bucket of those with it.
    /// </summary>
    public static WebApplication UsePlaygroundGuard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<PlaygroundRoute>() is null)
            {
                await next(context);
                return;
            }

            var refusal = context.RequestServices.GetRequiredService<PlaygroundAccess>().Decide(context) switch
            {
                PlaygroundDecision.Allowed => null,
                PlaygroundDecision.Off => Results.NotFound(),
                _ => Results.Json(new { error = $"The playground needs the admin token (header {PlaygroundAccess.TokenHeader})." }, statusCode: StatusCodes.Status401Unauthorized),
            };
            await (refusal is null ? next(context) : refusal.ExecuteAsync(context));
        });
        app.UseRateLimiter();
        return app;
    }

    private sealed class PlaygroundRoute
    {
        public static readonly PlaygroundRoute Instance = new();
    }
}
