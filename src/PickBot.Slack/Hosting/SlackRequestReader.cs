using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.Verification;

namespace PickBot.Slack.Hosting;

/// <summary>
/// Reads a Slack request's raw body under the size cap and checks its signature over exactly those bytes, before any
/// form or JSON parsing. Failures are a status code with an empty body; the reason goes to the log, never the secret.
/// </summary>
public sealed class SlackRequestReader(IOptions<SlackOptions> options, SlackSignatureVerifier verifier, ILogger<SlackRequestReader> logger)
{
    private readonly int _maxBytes = options.Value.MaxBodyBytes;

    public async Task<SlackRequest> ReadAsync(HttpContext context, bool allowSslCheck = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!options.Value.HasSigningSecret)
        {
            logger.LogWarning("Slack request to {Path} refused: no signing secret is configured (set Slack__SigningSecret)", request.Path);
            return SlackRequest.Fail(StatusCodes.Status401Unauthorized);
        }

        // Slack signs every request it sends (its ssl_check aside): one without the headers is refused before its body
        // is read, so a slow or endless unsigned body costs nothing.
        if (!allowSslCheck && (!request.Headers.ContainsKey(SlackSignatureVerifier.SignatureHeader) || !request.Headers.ContainsKey(SlackSignatureVerifier.TimestampHeader)))
        {
            logger.LogWarning("Slack request to {Path} refused: no Slack signature headers", request.Path);
            return SlackRequest.Fail(StatusCodes.Status401Unauthorized);
        }

        if (request.ContentLength > _maxBytes)
        {
            logger.LogWarning("Slack request to {Path} refused: body of {Length} bytes is over the {Max} byte cap", request.Path, request.ContentLength, _maxBytes);
            return SlackRequest.Fail(StatusCodes.Status413PayloadTooLarge);
        }

        byte[]? body;
        try
        {
            body = request.ContentLength is { } length
                ? await ReadExactlyAsync(request.Body, (int)length, context.RequestAborted)
                : await ReadCappedAsync(request.Body, context.RequestAborted);
        }
        catch (EndOfStreamException)
        {
            logger.LogWarning("Slack request to {Path} refused: the body ended before its Content-Length", request.Path);
            return SlackRequest.Fail(StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's minimum data rate (a body trickling in) or a malformed chunk: the client's doing, one line.
            logger.LogInformation("Slack request to {Path} abandoned while reading its body: {Reason}", request.Path, e.Message);
            return SlackRequest.Fail(e.StatusCode);
        }
        catch (Exception e) when (e is IOException || (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            logger.LogInformation("Slack request to {Path} abandoned: the client went away while sending its body", request.Path);
            return SlackRequest.Fail(StatusCodes.Status400BadRequest);
        }

        if (body is null)
        {
            logger.LogWarning("Slack request to {Path} refused: body is over the {Max} byte cap", request.Path, _maxBytes);
            return SlackRequest.Fail(StatusCodes.Status413PayloadTooLarge);
        }

        if (allowSslCheck && SlackForm.IsSslCheck(body))
        {
            // Slack's certificate probe; it asks for nothing and gets nothing but a 200 (as Bolt does).
            return SlackRequest.SslCheck;
        }

        var check = verifier.Verify(request.Headers[SlackSignatureVerifier.TimestampHeader], request.Headers[SlackSignatureVerifier.SignatureHeader], body);
        if (check != SignatureCheck.Valid)
        {
            logger.LogWarning("Slack request to {Path} refused: signature check failed ({Reason})", request.Path, check);
            return SlackRequest.Fail(StatusCodes.Status401Unauthorized);
        }

        return new SlackRequest(body, null, false);
    }

    /// <summary>
    /// A body whose length the client declared (Slack always does) is read straight into an array of that size: no
    /// 16 KB chunk and growing stream per request. Kestrel holds the client to its Content-Length.
    /// </summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return body;
    }

    private async Task<byte[]?> ReadCappedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>A verified body, or the status code to answer with.</summary>
public sealed record SlackRequest(byte[] Body, int? FailureStatus, bool IsSslCheck)
{
    public static SlackRequest SslCheck { get; } = new([], null, true);

    public static SlackRequest Fail(int status) => new([], status, false);
}
