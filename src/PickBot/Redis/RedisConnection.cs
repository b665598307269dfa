using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PickBot.Redis;

/// <summary>
/// The one multiplexer to Redis, connected in the background so a Redis that is down never blocks start-up or an ack.
/// Callers ask for a database and fall back to local state when there is none; the first failure of an outage is logged
/// loudly, and its end fires <see cref="Restored"/> so votes kept locally go back.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;
    private int _degraded;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _options = options.Value;
        _logger = logger;
        _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(ConnectAsync);
    }

    /// <summary>Raised once when Redis answers again after an outage.</summary>
    public event EventHandler? Restored;

    public string Key(string suffix) => _options.KeyPrefix + suffix;

    /// <summary>Starts connecting without waiting for it.</summary>
    public void Start() => _ = _multiplexer.Value;

    /// <summary>True while the last Redis operation failed (this replica runs on local state).</summary>
    public bool Degraded => Volatile.Read(ref _degraded) == 1;

    /// <summary>The database when a connection is up; null now (not after a timeout) when it is not.</summary>
    public IDatabase? TryGetDatabase()
    {
        var connecting = _multiplexer.Value;
        return connecting.IsCompletedSuccessfully && connecting.Result.IsConnected ? connecting.Result.GetDatabase() : null;
    }

    /// <summary>For the few callers that may wait for the first connection (start-up, resync).</summary>
    public async Task<IDatabase?> GetDatabaseAsync()
    {
        try
        {
            var multiplexer = await _multiplexer.Value;
            return multiplexer.IsConnected ? multiplexer.GetDatabase() : null;
        }
        catch (RedisException e)
        {
            ReportFailure("connect", e);
            return null;
        }
    }

    public void ReportFailure(string what, Exception? error = null)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            _logger.LogError(
                "REDIS UNAVAILABLE ({What}: {Reason}). This replica now dedupes events on its own (another replica may answer the same event), keeps votes and unanswered questions in local SQLite for later sync, and keeps answering.",
                what,
                error?.Message ?? "not connected");
        }
    }

    public void ReportHealthy()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            _logger.LogWarning("Redis is back: shared dedupe and feedback resume; votes kept locally are being synced");
            Restored?.Invoke(this, EventArgs.Empty);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            await _multiplexer.Value.Result.CloseAsync();
            _multiplexer.Value.Result.Dispose();
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var config = ConfigurationOptions.Parse(_options.ConnectionString!);

        // Never throw at start for a Redis that is down, never queue commands while it is: the caller falls back at once.
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        var timeout = (int)_options.OperationTimeout.TotalMilliseconds;
        config.AsyncTimeout = timeout;
        config.SyncTimeout = timeout;
        config.ConnectTimeout = Math.Max(timeout, 1000);
        config.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(config);
        multiplexer.ConnectionFailed += (_, e) => ReportFailure("connection " + e.FailureType, e.Exception);
        multiplexer.ConnectionRestored += (_, _) => ReportHealthy();
        if (multiplexer.IsConnected)
        {
            _logger.LogInformation("Redis connected ({Endpoints}): event dedupe, votes and rate limits are shared by every replica", string.Join(", ", config.EndPoints));
        }
        else
        {
            ReportFailure("initial connect");
        }

        return multiplexer;
    }
}
