using StackExchange.Redis;

namespace PickBot.Redis;

internal static class RedisFailures
{
    /// <summary>
    /// Every failure of Redis counts as an outage: not only a lost connection or a timeout, but a server that refuses
    /// to write (OOM under maxmemory, READONLY after a failover, MISCONF after a failed snapshot, LOADING, MASTERDOWN)
    /// or any other error reply. Each caller then falls back to local state and keeps answering.
    /// </summary>
    public static bool IsOutage(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;
}
