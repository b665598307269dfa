using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Slack.Hosting;
using PickBot.Slack.Tests.Support;
using PickBot.Slack.Verification;

namespace PickBot.Slack.Tests.Hosting;

public sealed class SlackRequestReaderTests : IDisposable
{
    private readonly ListLoggerProvider _logs = new();
    private readonly SlackSignatureVerifier _verifier = new("test-secret", TimeProvider.System);
    private readonly LoggerFactory _loggers;

    public SlackRequestReaderTests() => _loggers = new LoggerFactory([_logs]);

    public void Dispose()
    {
        _verifier.Dispose();
        _loggers.Dispose();
    }

    [Fact]
    public async Task ReadAsync_BodyTooSlow_OneInformationLineAndTheStatusKestrelChose()
    {
        var context = Request(new ThrowingStream(new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", StatusCodes.Status408RequestTimeout)));

        var request = await CreateSut().ReadAsync(context);

        Assert.Equal(StatusCodes.Status408RequestTimeout, request.FailureStatus);
        var line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("data arriving too slowly", line.Message, StringComparison.Ordinal);
        Assert.Empty(_logs.Exceptions);
    }

    [Fact]
    public async Task ReadAsync_ClientGoneMidBody_OneInformationLine()
    {
        var context = Request(new ThrowingStream(new IOException("The client reset the request stream.")));

        var request = await CreateSut().ReadAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, request.FailureStatus);
        Assert.Equal(LogLevel.Information, Assert.Single(_logs.Lines).Level);
        Assert.Empty(_logs.Exceptions);
    }

    [Fact]
    public async Task ReadAsync_UnsignedEndlessBody_RefusedWithoutReadingIt()
    {
        var context = Request(new ThrowingStream(new InvalidOperationException("the body must not be read")), signed: false);

        var request = await CreateSut().ReadAsync(context).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCodes.Status401Unauthorized, request.FailureStatus);
    }

    private SlackRequestReader CreateSut()
    {
        var options = Options.Create(new SlackOptions { SigningSecret = "test-secret" });
        return new SlackRequestReader(options, _verifier, _loggers.CreateLogger<SlackRequestReader>());
    }

    private static DefaultHttpContext Request(Stream body, bool signed = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/slack/events";
        context.Request.ContentLength = 100;
        context.Request.Body = body;
        if (signed)
        {
            context.Request.Headers[SlackSignatureVerifier.TimestampHeader] = "1700000000";
            context.Request.Headers[SlackSignatureVerifier.SignatureHeader] = "v0=00";
        }

        return context;
    }

    /// <summary>A body whose first read fails the way Kestrel's does.</summary>
    private sealed class ThrowingStream(Exception failure) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw failure;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(failure);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
