using PickBot.Core;
using PickBot.Core.Knowledge;
using PickBot.Feedback;
using PickBot.LiveKnowledge;
using PickBot.Llm;
using PickBot.Playground;
using PickBot.Slack;

namespace PickBot.Hosting;

/// <summary>The <c>serve</c> verb: the ASP.NET Core host.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    /// <param name="configure">Runs after PickBot's registrations and before the host is built: tests replace services here.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            // Loopback by default: exposing the bot is a decision, made with --urls or ASPNETCORE_URLS.
            builder.WebHost.UseUrls("http://127.0.0.1:5000");
        }

        builder.Services.AddPickBotCore();
        builder.Services.AddPickBotLlm();
        builder.Services.AddPickBotFeedback();
        builder.Services.AddPickBotSlack();
        builder.Services.AddLiveKnowledge();
        builder.Services.AddPlayground();
        configure?.Invoke(builder);
        var app = builder.Build();
        var store = app.Services.GetRequiredService<KnowledgeStore>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PickBot.Knowledge");
        foreach (var problem in store.Current.Problems.Where(p => p.IsError))
        {
            log.LogError("Knowledge problem {Problem}", problem.ToString());
        }

        log.LogInformation("Knowledge {Version} loaded: {Comparisons} comparisons, {Options} options", store.Current.Version, store.Current.Comparisons.Count, store.Current.Options.Count);
        app.MapGet("/healthz", (KnowledgeStore s) => s.Current.Comparisons.Count > 0
            ? Results.Ok(new { status = "ready", knowledge = s.Current.Version, comparisons = s.Current.Comparisons.Count })
            : Results.Json(new { status = "not ready", reason = "no knowledge loaded" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPickBotSlack();
        app.MapPlayground();
        return app;
    }
}
