using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace PickBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads messages and, off the read loop, asks the dispatcher whether to accept each data
/// envelope (events are queued then; a slash command is answered), acks it (with the response payload where Slack
/// accepts one) unless the dispatcher refused it, then hands it over for the rest of the work. Tells its owner when Slack said hello,
/// when Slack asked it to go (disconnect) and when it closed.
/// </summary>
internal sealed class SocketModeConnection : IAsyncDisposable
{
    /// <summary>Slack's payloads are a few kilobytes; anything this large is not Slack talking.</summary>
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private readonly WebSocket _socket;
    private readonly ISocketModeDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly CancellationToken _workToken;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource<int?> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly CancellationTokenSource _receiveStop = new();
    private Task _receiving = Task.CompletedTask;

    /// <param name="workToken">Cancels the work handed to the dispatcher: the host stopping, not this socket closing.</param>
    public SocketModeConnection(string name, WebSocket socket, ISocketModeDispatcher dispatcher, ILogger logger, CancellationToken workToken)
    {
        Name = name;
        _socket = socket;
        _dispatcher = dispatcher;
        _logger = logger;
        _workToken = workToken;
    }

    /// <summary>"socket 1.3": the slot and the how-many-th connection of that slot, for the logs.</summary>
    public string Name { get; }

    /// <summary>Completes with Slack's num_connections when the hello arrives.</summary>
    public Task<int?> Hello => _hello.Task;

    /// <summary>Completes with the reason when Slack sends a disconnect message.</summary>
    public Task<string> DisconnectRequested => _disconnect.Task;

    /// <summary>Completes when the socket is closed (by either side, or dropped) and nothing more will be read.</summary>
    public Task Closed => _receiving;

    public void Start() => _receiving = ReceiveLoopAsync(_receiveStop.Token);

    /// <summary>Closes politely, waits briefly for Slack's close, then aborts.</summary>
    public async Task CloseAsync(string reason, TimeSpan wait)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(wait);
                await _sendLock.WaitAsync(timeout.Token);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                _logger.LogDebug("Slack {Connection}: close handshake failed ({Reason})", Name, e.Message);
            }
        }

        if (await Task.WhenAny(_receiving, Task.Delay(wait)) != _receiving)
        {
            _socket.Abort();
            await _receiveStop.CancelAsync();
        }

        await _receiving;
    }

    /// <summary>Waits for the work already handed to the dispatcher (acks are sent by then).</summary>
    public Task WorkDrained => Task.WhenAll(_inFlight.Keys);

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _receiveStop.CancelAsync();
        await _receiving;
        await WorkDrained;
        _socket.Dispose();
        _sendLock.Dispose();
        _receiveStop.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _logger.LogInformation("Slack {Connection}: closed by Slack ({Status} {Description})", Name, _socket.CloseStatus, _socket.CloseStatusDescription);
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await SendCloseReplyAsync();
                    }

                    return;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (message.WrittenCount > MaxMessageBytes)
                {
                    _logger.LogWarning("Slack {Connection}: message over {Max} bytes; closing the connection", Name, MaxMessageBytes);
                    _socket.Abort();
                    return;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    OnMessage(message.WrittenSpan);
                }

                message.ResetWrittenCount();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogDebug("Slack {Connection}: reading stopped", Name);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            _logger.LogWarning("Slack {Connection}: dropped ({Reason})", Name, e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _hello.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task SendCloseReplyAsync()
    {
        try
        {
            await _sendLock.WaitAsync();
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            _logger.LogDebug("Slack {Connection}: close reply failed ({Reason})", Name, e.Message);
        }
    }

    private void OnMessage(ReadOnlySpan<byte> utf8)
    {
        var envelope = SocketModeEnvelope.Parse(utf8, out var error);
        if (envelope is null)
        {
            _logger.LogWarning("Slack {Connection}: ignored a message Slack should not send ({Error})", Name, error);
            return;
        }

        switch (envelope.Type)
        {
            case SocketModeEnvelope.Hello:
                _hello.TrySetResult(envelope.NumConnections);
                return;
            case SocketModeEnvelope.Disconnect:
                _disconnect.TrySetResult(envelope.Reason ?? "unspecified");
                return;
        }

        if (!envelope.NeedsAck)
        {
            _logger.LogInformation("Slack {Connection}: ignored a {Type} message without envelope_id", Name, envelope.Type);
            return;
        }

        var work = ProcessAsync(envelope);
        _inFlight.TryAdd(work, 0);
        _ = work.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ProcessAsync(SocketModeEnvelope envelope)
    {
        // Off the read loop, so one slow envelope never delays the next one's ack.
        await Task.Yield();
        SocketModeAck decision;
        try
        {
            decision = await _dispatcher.AcceptAsync(envelope, _workToken);
        }
        catch (OperationCanceledException) when (_workToken.IsCancellationRequested)
        {
            _logger.LogWarning("Slack {Connection}: stopping before {Type} envelope {EnvelopeId} was accepted; not acked, Slack will redeliver it", Name, envelope.Type, envelope.EnvelopeId);
            return;
        }
        catch (Exception e)
        {
            // A slash command still gets its ack (Slack shows an error otherwise); anything else is left for Slack to redeliver.
            if (!envelope.AcceptsResponsePayload)
            {
                _logger.LogError(e, "Slack {Connection}: accepting {Type} envelope {EnvelopeId} failed; not acked, Slack will redeliver it", Name, envelope.Type, envelope.EnvelopeId);
                return;
            }

            _logger.LogError(e, "Slack {Connection}: answering {Type} envelope {EnvelopeId} failed; acking without a payload", Name, envelope.Type, envelope.EnvelopeId);
            decision = SocketModeAck.Bare;
        }

        if (!decision.Send)
        {
            // The dispatcher said why (and whether Slack has retries left); the missing ack is what brings it back.
            _logger.LogDebug("Slack {Connection}: {Type} envelope {EnvelopeId} left unacked (retry_attempt {RetryAttempt})", Name, envelope.Type, envelope.EnvelopeId, envelope.RetryAttempt);
            return;
        }

        await AckAsync(envelope, envelope.AcceptsResponsePayload ? decision.Payload : null);
        try
        {
            await _dispatcher.HandleAsync(envelope, _workToken);
        }
        catch (OperationCanceledException) when (_workToken.IsCancellationRequested)
        {
            _logger.LogWarning("Slack {Connection}: stopping before {Type} envelope {EnvelopeId} was handled", Name, envelope.Type, envelope.EnvelopeId);
        }
        catch (Exception e)
        {
            // Acked already, so Slack will not retry: the failure must at least be visible.
            _logger.LogError(e, "Slack {Connection}: handling {Type} envelope {EnvelopeId} failed", Name, envelope.Type, envelope.EnvelopeId);
        }
    }

    private async Task AckAsync(SocketModeEnvelope envelope, JsonNode? payload)
    {
        var ack = new JsonObject { ["envelope_id"] = envelope.EnvelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(ack);
        try
        {
            await _sendLock.WaitAsync(_workToken);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _workToken);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // Slack redelivers an unacked envelope, and the event dedupe keeps the answer single.
            _logger.LogWarning("Slack {Connection}: ack for {Type} envelope {EnvelopeId} not sent ({Reason}); Slack will redeliver it", Name, envelope.Type, envelope.EnvelopeId, e.Message);
        }
    }
}
