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

    // One page for / and /knowledge (what the bot knows): its script shows the view the path names.
    private static readonly Lazy<string> Page = new(() => Resource("playground.html"));

    public static IServiceCollection AddPlayground(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PlaygroundOptions>()
            .BindConfiguration(PlaygroundOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.AdminToken is null || o.AdminToken.Trim().Length == o.AdminToken.Length, "Playground:AdminToken must not start or end with spaces")
            .ValidateOnStart();
        services.TryAddSingleton<PlaygroundAccess>();
        services.AddPlaygroundRateLimit();
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
        app.UsePlaygroundGuard();
        var group = app.MapGroup(string.Empty).RequirePlaygroundAccess();

        group.MapGet("/", (HttpContext http) => ServePage(http, Page.Value));
        group.MapGet("/knowledge", (HttpContext http) => ServePage(http, Page.Value));
        group.MapPost("/api/ask", AskAsync).RequireRateLimiting(PlaygroundAccess.AskPolicy);
        group.MapPost("/api/feedback", FeedbackAsync);
        group.MapGet("/api/knowledge", (KnowledgeStore store) =>
        {
            var kb = store.Current;
            var comparisons = KnowledgeCatalog.Filter(kb, null).Select(c => ComparisonView.From(c, kb)).ToList();
            return Results.Json(new { version = kb.Version, comparisons }, AnswerDocument.JsonOptions);
        });
        group.MapGet("/api/knowledge/{id}", (string id, KnowledgeStore store) =>
            store.Current.FindComparison(id) is { } comparison
                ? Results.Json(ComparisonView.From(comparison, store.Current), AnswerDocument.JsonOptions)
                : Results.NotFound(new { error = $"No comparison '{id}' is loaded." }));
        group.MapGet("/api/status", (KnowledgeStore store, KnowledgeReloader reloader, SemanticLayer semantic) =>
            Results.Json(new PlaygroundStatus(KnowledgeStatus.From(store), reloader.Last?.Summary, semantic.Status.Answering, semantic.Status), AnswerDocument.JsonOptions));
        return app;
    }

    private static async Task<IResult> AskAsync(AskRequest? request, ConversationalAnswerer answerer, HttpContext http, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (request?.Question is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["question"] = ["Send {\"question\": \"kafka vs rabbitmq to replay order events\"}."] });
        }

        // As in Slack: the engine's answer, improved by the LLM step when it is on and ready within the budget.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(answerer.WaitBudget);
        if (CatalogRequest.TryParse(request.Question, out var filter))
        {
            return Results.Json(CatalogDocument.From(answerer.Engine.Knowledge, request.Question, filter), AnswerDocument.JsonOptions);
        }

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

    /// <summary>
    /// Helpful / Not helpful under a playground answer: the same vote as Slack's buttons, in the same store, with
    /// <see cref="Origin"/> as its user and channel. One vote per shown answer and button, as in Slack, so a second
    /// click changes nothing.
    /// </summary>
    private static async Task<IResult> FeedbackAsync(FeedbackRequest? request, KnowledgeStore store, IFeedbackStore feedback, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var comparison = request?.Entry is { } id ? store.Current.FindComparison(id) : null;
        if (request is null || comparison is null || request.Pick is null || comparison.Side(request.Pick) is null
            || string.IsNullOrWhiteSpace(request.Question) || request.AnswerId is null || !IsAnswerId(request.AnswerId))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["vote"] = ["Send {\"answerId\": \"<up to 64 letters, digits or ->\", \"question\": \"...\", \"entry\": \"<comparison id>\", \"pick\": \"<option id>\", \"helpful\": true}."],
            });
        }

        var vote = new Vote(
            $"{Origin}:{request.AnswerId}:{(request.Helpful ? "helpful" : "not-helpful")}",
            request.Question.Trim(),
            comparison.Id,
            request.Pick,
            request.Helpful,
            Origin,
            Origin,
            time.GetUtcNow());
        await feedback.RecordVoteAsync(vote, cancellationToken);
        logs.CreateLogger(typeof(PlaygroundEndpoints)).LogInformation("Vote {VoteId}: {Helpful} on {Entry} -> {Pick}", vote.Id, vote.Helpful ? "helpful" : "not helpful", vote.EntryId, vote.PickId);
        return Results.Json(new { recorded = true, message = request.Helpful ? "Thanks! Noted that this answer helped." : "Thanks for telling me. Noted that this answer did not help; the knowledge owners will see it." });
    }

    private static bool IsAnswerId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static IResult ServePage(HttpContext http, string page)
    {
        // Everything is inline and rendered with textContent; the policy is a second lock. no-referrer keeps a
        // ?token= out of the Referer header when someone follows a source link.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(page, "text/html; charset=utf-8");
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PickBot.Playground." + name)
            ?? throw new InvalidOperationException($"The playground page {name} is missing from the assembly's resources.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
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

/// <param name="AnswerId">Made by the page for each answer it shows, so that a vote on it is stored once.</param>
public sealed record FeedbackRequest(string? AnswerId, string? Question, string? Entry, string? Pick, bool Helpful);

/// <param name="Answering">"lexical" or "meaning": which mode answers now (see <paramref name="Meaning"/>).</param>
public sealed record PlaygroundStatus(KnowledgeStatus Knowledge, string? LastReload, string Answering, SemanticStatus Meaning);
