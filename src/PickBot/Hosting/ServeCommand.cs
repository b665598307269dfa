using Microsoft.Extensions.Options;
using PickBot.Core;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;
using PickBot.Feedback;
using PickBot.LiveKnowledge;
using PickBot.Llm;
using PickBot.Logging;
using PickBot.Playground;
using PickBot.Redis;
using PickBot.Semantic;
using PickBot.Slack;
using PickBot.Slack.SocketMode;

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

        builder.Logging.AddBatchedConsole();
        builder.Services.AddPickBotCore();
        builder.Services.AddPickBotLlm();
        builder.Services.AddPickBotSemantic();
        builder.Services.AddPickBotFeedback();
        builder.Services.AddPickBotSlack();
        builder.Services.AddPickBotSocketMode();
        builder.Services.AddPickBotRedis();
        builder.Services.AddLiveKnowledge();
        builder.Services.AddPlayground();
        configure?.Invoke(builder);
        var app = builder.Build();
        var store = app.Services.GetRequiredService<KnowledgeStore>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PickBot.Knowledge");
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        _ = store.Initialized.ContinueWith(
            loaded =>
            {
                if (loaded.Exception is { } e)
                {
                    // What used to fail the host's start fails it still, with the reason in the log.
                    log.LogCritical(e.GetBaseException(), "The knowledge could not be loaded; stopping");
                    lifetime.StopApplication();
                    return;
                }

                foreach (var problem in store.Current.Problems.Where(p => p.IsError))
                {
                    log.LogError("Knowledge problem {Problem}", problem.ToString());
                }

                log.LogInformation("Knowledge {Version} loaded: {Comparisons} comparisons, {Options} options", store.Current.Version, store.Current.Comparisons.Count, store.Current.Options.Count);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        app.MapGet("/healthz", Health);
        if (app.Services.GetRequiredService<IOptions<SocketModeOptions>>().Value.HttpEnabled)
        {
            app.MapPickBotSlack();
        }

        app.MapPlayground();
        return app;
    }

    private static IResult Health(KnowledgeStore knowledge, SocketModeStatus sockets, IOptions<SocketModeOptions> socketOptions, SemanticLayer semantic)
    {
        // Which mode answers now: "lexical" while the model loads (or when it is off or broken), then "meaning".
        var meaning = semantic.Status;
        var socketMode = socketOptions.Value.SocketEnabled
            ? new { connected = sockets.Connected, stopped = sockets.StoppedReason }
            : null;
        if (knowledge.Current.Comparisons.Count == 0)
        {
            return Results.Json(new { status = "not ready", reason = "no knowledge loaded", socketMode, answering = meaning.Answering, meaning }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // In Socket Mode a bot without a socket cannot hear Slack at all: that is not ready, whatever else works.
        if (socketMode is not null && sockets.Connected == 0)
        {
            var reason = sockets.StoppedReason is { } stopped ? "Socket Mode stopped: " + stopped : "no Socket Mode connection to Slack";
            return Results.Json(new { status = "not ready", reason, socketMode, answering = meaning.Answering, meaning }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok(new { status = "ready", knowledge = knowledge.Current.Version, comparisons = knowledge.Current.Comparisons.Count, socketMode, answering = meaning.Answering, meaning });
    }
}
