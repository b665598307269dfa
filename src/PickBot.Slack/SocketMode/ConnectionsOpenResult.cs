namespace PickBot.Slack.SocketMode;

/// <summary>The outcome of apps.connections.open: a WebSocket URL, or why not and whether trying again can help.</summary>
public sealed record ConnectionsOpenResult(Uri? Url, string? Error, bool Fatal, TimeSpan? RetryAfter)
{
    public bool Ok => Url is not null;

    public static ConnectionsOpenResult Success(Uri url) => new(url, null, false, null);

    public static ConnectionsOpenResult Failure(string error, bool fatal = false, TimeSpan? retryAfter = null) => new(null, error, fatal, retryAfter);
}
