using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PickBot.Slack.Commands;

namespace PickBot.Slack.Hosting;

/// <summary>
/// A slash command's answer as the HTTP response, written the cheap way: straight into a per-thread buffer by the
/// hand-written writer, then copied into Kestrel's output with its Content-Length and flushed once.
/// </summary>
/// <remarks>
/// <c>Results.Json</c> serializes asynchronously into the response stream; for a 2-3 KB answer that machinery cost
/// about as much as building the answer. The copy into the output pipe happens before the first await, so the
/// per-thread buffer is never shared between requests.
/// </remarks>
internal sealed class SlashCommandJsonResult(SlashCommandResponse response) : IResult
{
    private const int KeepBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8 * 1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SlackJson.Options.Encoder });
        writer.Reset(buffer);
        SlashCommandResponseJsonConverter.WriteResponse(writer, response);
        writer.Flush();

        var output = httpContext.Response;
        output.ContentType = "application/json; charset=utf-8";
        output.ContentLength = buffer.WrittenCount;
        output.BodyWriter.Write(buffer.WrittenSpan);
        if (buffer.Capacity > KeepBufferBytes)
        {
            // One huge message must not pin its buffer on this thread for ever.
            t_buffer = null;
            t_writer = null;
        }

        return output.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }
}
