using StackExchange.Redis;

namespace PickBot.Redis;

internal static class RedisFailures
{
    /// <summary>Failures that mean "Redis is not there right now", as opposed to bugs.</summary>
    public static bool IsOutage(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException or ObjectDisposedException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal),
        _ => false,
    };
}
