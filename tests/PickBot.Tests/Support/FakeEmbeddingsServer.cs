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
/// An OpenAI-compatible <c>/v1/embeddings</c> endpoint on loopback (Kestrel, a free port), so the real OpenAI client
/// library, Polly pipeline and HTTP stack are exercised. It embeds with <see cref="Embed"/> (the shared MiniLM model
/// by default, so answers mean what the local mode's mean) until <see cref="Failing"/> is set.
/// </summary>
public sealed class FakeEmbeddingsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _inputs = new();

    private FakeEmbeddingsServer(WebApplication app)
    {
        _app = app;
    }

    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>When set, every request gets this status code.</summary>
    public int? Failing { get; set; }

    public Func<string, float[]> Embed { get; set; } = text => SharedModel.Value.Embed(text);

    public IReadOnlyList<string> Inputs => [.. _inputs];

    public static async Task<FakeEmbeddingsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeEmbeddingsServer(app);
        app.MapPost("/v1/embeddings", server.HandleAsync);
        await app.StartAsync();
        server.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/v1";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Failing is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "fake failure", type = "server_error" } });
            return;
        }

        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var input = request.RootElement.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.Array ? input.EnumerateArray().Select(e => e.GetString()!).ToList() : [input.GetString()!];
        foreach (var text in texts)
        {
            _inputs.Enqueue(text);
        }

        await context.Response.WriteAsJsonAsync(new
        {
            @object = "list",
            model = request.RootElement.GetProperty("model").GetString(),
            data = texts.Select((text, i) => new { @object = "embedding", index = i, embedding = Embed(text) }).ToArray(),
            usage = new { prompt_tokens = texts.Count, total_tokens = texts.Count },
        });
    }
}
