using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PickBot.LoadGen;

/// <summary>
/// Slack's Web API on loopback, as fast as it can be: chat.postMessage answers ok at once and tells the ledger when the
/// post arrived and which event it answers (its thread_ts is the event's ts). auth.test names the bot; any other method
/// answers ok and is counted. A wrong bearer token is refused as Slack would (invalid_auth) and counted.
/// </summary>
internal sealed class FakeSlack(EventLedger ledger, string botToken, string botUserId) : IAsyncDisposable
{
    private static readonly byte[] PostOk = """{"ok":true,"channel":"C0001","ts":"1800000000.000001","message":{}}"""u8.ToArray();
    private static readonly byte[] Ok = """{"ok":true}"""u8.ToArray();
    private static readonly byte[] InvalidAuth = """{"ok":false,"error":"invalid_auth"}"""u8.ToArray();

    private readonly string _expectedAuthorization = "Bearer " + botToken;
    private WebApplication? _app;
    private long _badAuth;
    private long _otherCalls;
    private string? _firstPost;

    public long BadAuth => Interlocked.Read(ref _badAuth);

    public long OtherCalls => Interlocked.Read(ref _otherCalls);

    /// <summary>The first chat.postMessage body seen, for the start-up check.</summary>
    public string? FirstPost => Volatile.Read(ref _firstPost);

    public async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/api/{method}", HandleAsync);
        await app.StartAsync();
        _app = app;
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        var arrived = Stopwatch.GetTimestamp();
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        if (context.Request.Headers.Authorization != _expectedAuthorization)
        {
            Interlocked.Increment(ref _badAuth);
            await response.Body.WriteAsync(InvalidAuth);
            return;
        }

        switch (method)
        {
            case "chat.postMessage":
                var body = await ReadAsync(context.Request);
                var (threadTs, text) = Fields(body.Span);
                if (_firstPost is null)
                {
                    Interlocked.CompareExchange(ref _firstPost, Encoding.UTF8.GetString(body.Span), null);
                }

                ledger.Posted(threadTs, text?.Contains("Pick", StringComparison.Ordinal) == true, arrived);
                await response.Body.WriteAsync(PostOk);
                break;
            case "auth.test":
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes($$"""{"ok":true,"user_id":"{{botUserId}}","bot_id":"B0001","team_id":"T0001"}"""));
                break;
            default:
                Interlocked.Increment(ref _otherCalls);
                await response.Body.WriteAsync(Ok);
                break;
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>((int)(request.ContentLength ?? 4096));
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096));
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
        }
    }

    /// <summary>The top-level thread_ts and text of a chat.postMessage body.</summary>
    private static (string? ThreadTs, string? Text) Fields(ReadOnlySpan<byte> json)
    {
        string? threadTs = null, text = null;
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("thread_ts"u8))
                {
                    reader.Read();
                    threadTs = reader.GetString();
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    text = reader.GetString();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: counted as a post for no known event.
        }

        return (threadTs, text);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
