using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PickBot.Slack.SocketMode;

/// <summary>
/// Keeps <see cref="SocketModeOptions.SocketConnections"/> Socket Mode connections open, staggered. When Slack asks a
/// connection to go (disconnect: warning or refresh_requested) a fresh one is opened first and the old one keeps
/// delivering until Slack closes it, so a refresh drops nothing. A dropped or refused connection is retried with
/// exponential backoff and jitter; a refusal no retry can fix (bad token, link_disabled) stops everything, loudly.
/// </summary>
public sealed class SocketModeClient(
    ConnectionsOpenClient opener,
    ISocketModeDispatcher dispatcher,
    SocketModeStatus status,
    IOptions<SocketModeOptions> options,
    TimeProvider time,
    ILogger<SocketModeClient> logger)
{
    private readonly SocketModeOptions _options = options.Value;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or Slack refuses for good.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        logger.LogInformation("Slack Socket Mode starting {Count} connection(s), {Stagger} apart", _options.SocketConnections, _options.SocketStagger);
        var slots = Enumerable.Range(1, _options.SocketConnections)
            .Select(slot => RunSlotAsync(slot, _options.SocketStagger * (slot - 1), fatal, cancellationToken))
            .ToArray();
        await Task.WhenAll(slots);
        logger.LogInformation("Slack Socket Mode stopped{Reason}", status.StoppedReason is { } r ? ": " + r : string.Empty);
    }

    private async Task RunSlotAsync(int slot, TimeSpan startDelay, CancellationTokenSource fatal, CancellationToken hostStopping)
    {
        var stopping = fatal.Token;
        var draining = new List<Task>();
        try
        {
            if (startDelay > TimeSpan.Zero)
            {
                await Task.Delay(startDelay, time, stopping);
            }

            var failures = 0;
            var serial = 0;
            while (!stopping.IsCancellationRequested)
            {
                var name = $"socket {slot}.{++serial}";
                logger.LogDebug("Slack {Connection}: opening (apps.connections.open)", name);
                var opened = await opener.OpenAsync(stopping);
                if (!opened.Ok)
                {
                    if (opened.Fatal)
                    {
                        await StopAllAsync(fatal, $"apps.connections.open refused: {opened.Error}");
                        return;
                    }

                    failures++;
                    await WaitAsync(name, $"apps.connections.open failed: {opened.Error}", opened.RetryAfter ?? Backoff(failures), failures, stopping);
                    continue;
                }

                var (socket, refused) = await ConnectAsync(name, opened.Url!, stopping);
                if (socket is null)
                {
                    failures++;
                    await WaitAsync(name, $"could not connect to {opened.Url!.Host} ({refused})", Backoff(failures), failures, stopping);
                    continue;
                }

                var connection = new SocketModeConnection(name, socket, dispatcher, logger, hostStopping);
                connection.Start();
                var outcome = await RunConnectionAsync(connection, stopping);
                draining.RemoveAll(t => t.IsCompleted);
                switch (outcome)
                {
                    case Outcome.Refresh:
                        // The old connection keeps reading until Slack closes it; the loop opens its successor now.
                        failures = 0;
                        draining.Add(DrainAsync(connection));
                        continue;
                    case Outcome.LinkDisabled:
                        draining.Add(DrainAsync(connection));
                        await StopAllAsync(fatal, "Slack sent disconnect: link_disabled (Socket Mode was switched off for this app)");
                        return;
                    case Outcome.Stable:
                        failures = 0;
                        break;
                    default:
                        failures++;
                        break;
                }

                await connection.DisposeAsync();
                var delay = failures == 0 ? TimeSpan.Zero : Backoff(failures);
                await WaitAsync(name, outcome == Outcome.Stable ? "closed after a healthy run" : "closed soon after opening", delay, failures, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogDebug("Slack socket {Slot}: stopping", slot);
        }
        finally
        {
            await Task.WhenAll(draining);
        }
    }

    private async Task<Outcome> RunConnectionAsync(SocketModeConnection connection, CancellationToken stopping)
    {
        var connectedAt = time.GetTimestamp();
        var up = false;
        try
        {
            var first = await Task.WhenAny(connection.Hello, connection.Closed).WaitAsync(stopping);
            if (first == connection.Hello && connection.Hello.IsCompletedSuccessfully)
            {
                up = true;
                var total = status.Up();
                logger.LogInformation(
                    "Slack {Connection}: connected ({Open} open here, Slack reports {SlackCount})",
                    connection.Name, total, connection.Hello.Result);
            }
            else
            {
                logger.LogWarning("Slack {Connection}: closed before hello", connection.Name);
                return Outcome.Failed;
            }

            var ended = await Task.WhenAny(connection.DisconnectRequested, connection.Closed).WaitAsync(stopping);
            if (ended == connection.DisconnectRequested)
            {
                var reason = connection.DisconnectRequested.Result;
                if (reason == SocketModeEnvelope.ReasonLinkDisabled)
                {
                    return Outcome.LinkDisabled;
                }

                logger.LogInformation("Slack {Connection}: Slack asked to disconnect ({Reason}); opening a replacement before it goes", connection.Name, reason);
                up = false;
                TrackDrained(connection);
                return Outcome.Refresh;
            }

            return time.GetElapsedTime(connectedAt) >= _options.SocketStableAfter ? Outcome.Stable : Outcome.Failed;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await connection.CloseAsync("shutting down", TimeSpan.FromSeconds(2));
            await connection.WorkDrained;
            throw;
        }
        finally
        {
            if (up)
            {
                logger.LogInformation("Slack {Connection}: disconnected ({Open} open here)", connection.Name, status.Down());
            }
        }
    }

    /// <summary>A draining connection still counts as connected until it closes.</summary>
    private void TrackDrained(SocketModeConnection connection) => _ = connection.Closed.ContinueWith(
        _ => logger.LogInformation("Slack {Connection}: old connection closed ({Open} open here)", connection.Name, status.Down()),
        CancellationToken.None,
        TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);

    private async Task DrainAsync(SocketModeConnection connection)
    {
        if (await Task.WhenAny(connection.Closed, Task.Delay(_options.SocketDrainTimeout, time)) != connection.Closed)
        {
            logger.LogInformation("Slack {Connection}: Slack did not close it within {Timeout}; closing it", connection.Name, _options.SocketDrainTimeout);
            await connection.CloseAsync("replaced", TimeSpan.FromSeconds(2));
        }

        await connection.DisposeAsync();
    }

    private async Task<(ClientWebSocket? Socket, string? Reason)> ConnectAsync(string name, Uri url, CancellationToken stopping)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.SocketConnectTimeout);
        try
        {
            logger.LogDebug("Slack {Connection}: connecting to {Host}", name, url.Host);
            await socket.ConnectAsync(url, timeout.Token);
            return (socket, null);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException && !stopping.IsCancellationRequested)
        {
            // Reported once, with the backoff, by the caller.
            socket.Dispose();
            return (null, e.Message);
        }
    }

    /// <summary>The one line an attempt writes when it fails: why, which attempt in a row, and the backoff before the next.</summary>
    private async Task WaitAsync(string name, string why, TimeSpan delay, int failures, CancellationToken stopping)
    {
        if (delay <= TimeSpan.Zero)
        {
            logger.LogInformation("Slack {Connection}: {Why}; reconnecting now", name, why);
            return;
        }

        logger.LogWarning("Slack {Connection}: {Why}; failed attempt {Attempt} in a row, retrying in {DelaySeconds:0.0} s", name, why, failures, delay.TotalSeconds);
        await Task.Delay(delay, time, stopping);
    }

    private async Task StopAllAsync(CancellationTokenSource fatal, string reason)
    {
        status.Stop(reason);
        logger.LogCritical("Slack Socket Mode STOPPED: {Reason}. PickBot will not receive Slack events until this is fixed and it restarts.", reason);
        await fatal.CancelAsync();
    }

    /// <summary>Exponential, capped, with "equal jitter": never less than half the step, so retries never bunch up at zero.</summary>
    private TimeSpan Backoff(int failures)
    {
        var step = _options.SocketReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(step, _options.SocketReconnectMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }

    private enum Outcome
    {
        Failed,
        Stable,
        Refresh,
        LinkDisabled,
    }
}
