using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Feedback;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;
using PickBot.Core.Semantic;

namespace PickBot.Playground;

/// <summary>
/// The local playground: a page at <c>/</c> to try PickBot without Slack, and the JSON API it calls. The API answers
/// through the same <see cref="ConversationalAnswerer"/> (the engine plus the optional LLM step) as Slack, so what
/// works here works there.
/// </summary>
public static class PlaygroundEndpoints
{
    public const string Origin = "playground";

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PickBot.Playground.playground.html")
            ?? throw new InvalidOperationException("The playground page is missing from the assembly's resources.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IServiceCollection AddPlayground(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PlaygroundOptions>()
            .BindConfiguration(PlaygroundOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.AdminToken is null || o.AdminToken.Trim().Length == o.AdminToken.Length, "Playground:AdminToken must not start or end with spaces")
            .ValidateOnStart();
        services.TryAddSingleton<PlaygroundAccess>();
        return services;
    }

    public static WebApplication MapPlayground(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value.Enabled)
        {
            return app;
        }

        app.Lifetime.ApplicationStarted.Register(() => LogExposure(app));
        var group = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<PlaygroundAccess>().Decide(context.HttpContext) switch
            {
                PlaygroundDecision.Allowed => await next(context),
                PlaygroundDecision.Off => Results.NotFound(),
                _ => Results.Json(new { error = $"The playground needs the admin token (header {PlaygroundAccess.TokenHeader})." }, statusCode: StatusCodes.Status401Unauthorized),
            });

        group.MapGet("/", (HttpContext http) =>
        {
            // Everything is inline and rendered with textContent; the policy is a second lock. no-referrer keeps a
            // ?token= out of the Referer header when someone follows a source link.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.CacheControl = "no-store";
            return Results.Content(Page.Value, "text/html; charset=utf-8");
        });

        group.MapPost("/api/ask", AskAsync);
        group.MapGet("/api/status", (KnowledgeStore store, KnowledgeReloader reloader, SemanticLayer semantic) =>
            Results.Json(new PlaygroundStatus(KnowledgeStatus.From(store), reloader.Last?.Summary, semantic.Status.Answering, semantic.Status), AnswerDocument.JsonOptions));
        return app;
    }

    private static async Task<IResult> AskAsync(AskRequest? request, ConversationalAnswerer answerer, HttpContext http, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (request?.Question is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["question"] = ["Send {\"question\": \"kafka vs rabbitmq for order events\"}."] });
        }

        // As in Slack: the engine's answer, improved by the LLM step when it is on and ready within the budget.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(answerer.WaitBudget);
        var result = await answerer.AnswerAsync(request.Question, budget.Token);
        var answer = result.Answer;
        if (answer.Kind == AnswerKind.NoMatch && http.RequestServices.GetService<IFeedbackStore>() is { } feedback)
        {
            try
            {
                await feedback.RecordUnansweredAsync(new UnansweredQuestion(answer.Question, null, null, Origin, DateTimeOffset.UtcNow), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The person still gets the answer; the gap just misses the report.
                logs.CreateLogger(typeof(PlaygroundEndpoints)).LogWarning(e, "Could not record an unanswered playground question");
            }
        }

        return Results.Json(AnswerDocument.From(answer, result.Rephrased), AnswerDocument.JsonOptions);
    }

    private static void LogExposure(WebApplication app)
    {
        var access = app.Services.GetRequiredService<PlaygroundAccess>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlaygroundEndpoints));
        if (!access.Exposed)
        {
            log.LogInformation("Playground at {Urls}", string.Join(", ", app.Urls));
        }
        else if (string.IsNullOrEmpty(app.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value.AdminToken))
        {
            log.LogWarning("The host listens on a non-loopback address, so the playground is off; set Playground__AdminToken to use it there");
        }
        else
        {
            log.LogInformation("The host listens on a non-loopback address; the playground needs the admin token");
        }
    }
}

public sealed record AskRequest(string? Question);

/// <param name="Answering">"lexical" or "meaning": which mode answers now (see <paramref name="Meaning"/>).</param>
public sealed record PlaygroundStatus(KnowledgeStatus Knowledge, string? LastReload, string Answering, SemanticStatus Meaning);
