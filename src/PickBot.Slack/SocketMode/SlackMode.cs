namespace PickBot.Slack.SocketMode;

/// <summary>How Slack reaches PickBot: HTTP request URLs, Socket Mode WebSockets, or both while migrating.</summary>
public enum SlackMode
{
    Http,
    Socket,
    Both,
}
