using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PickBot.Tests.Support;

/// <summary>
/// An OpenAI-compatible chat endpoint on loopback (Kestrel, a free port), so the real Semantic Kernel connector and
/// HTTP stack are exercised. Replies are queued per request; when the queue is empty, <see cref="Fallback"/> answers.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _replies = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private FakeOpenAiServer(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The OpenAI-style base URL, including /v1.</summary>
    public string Endpoint => BaseUrl + "/v1";

    public Func<HttpContext, Task> Fallback { get; set; } = OpenAiReply.Status(500);

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    public FakeOpenAiServer Enqueue(params Func<HttpContext, Task>[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new ReceivedRequest(context.Request.Headers.Authorization.ToString(), body));
        var reply = _replies.TryDequeue(out var next) ? next : Fallback;
        try
        {
            await reply(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up on a hanging reply: that is the point of the test.
        }
    }
}

/// <summary>One request the fake server received: its Authorization header and JSON body.</summary>
public sealed record ReceivedRequest(string Authorization, string Body)
{
    /// <summary>The text of every message in the request, system and user.</summary>
    public string Messages
    {
        get
        {
            using var json = JsonDocument.Parse(Body);
            return string.Join("\n", json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        }
    }
}

/// <summary>Replies in the shapes an OpenAI-compatible server sends, good and bad.</summary>
public static class OpenAiReply
{
    public static Func<HttpContext, Task> Chat(string content, string finishReason = "stop") => context => Json(context, new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_764_000_000,
        model = "fake-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = finishReason } },
        usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
    });

    public static Func<HttpContext, Task> EmptyChoices() => context => Json(context, new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_764_000_000,
        model = "fake-model",
        choices = Array.Empty<object>(),
        usage = new { prompt_tokens = 100, completion_tokens = 0, total_tokens = 100 },
    });

    public static Func<HttpContext, Task> Raw(string body, string contentType = "application/json") => async context =>
    {
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    };

    public static Func<HttpContext, Task> Status(int status, string? retryAfter = null, string body = """{"error":{"message":"fake failure","type":"server_error"}}""") => async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    };

    /// <summary>Never answers, until the client goes away.</summary>
    public static Func<HttpContext, Task> Hang() => context => Task.Delay(Timeout.Infinite, context.RequestAborted);

    private static Task Json(HttpContext context, object value)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value), context.RequestAborted);
    }
}
