using System.Text.Json.Nodes;

namespace PickBot.Testing;

/// <summary>Socket Mode messages as Slack sends them, for the fake server to push down a socket.</summary>
public static class SocketEnvelopes
{
    public static string AppMention(string envelopeId, string eventId, string text, string user = "U0ASKER", string channel = "C0CHAN", string? ts = null, int retryAttempt = 0, string team = "T0TEAM")
    {
        ts ??= "1700000100." + Math.Abs(eventId.GetHashCode(StringComparison.Ordinal) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return Event(envelopeId, eventId, new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
        }, retryAttempt, team);
    }

    /// <summary>Any Events API event (an app_home_opened, a threaded message) in a Socket Mode envelope.</summary>
    public static string Event(string envelopeId, string eventId, JsonObject inner, int retryAttempt = 0, string team = "T0TEAM") => new JsonObject
    {
        ["envelope_id"] = envelopeId,
        ["type"] = "events_api",
        ["accepts_response_payload"] = false,
        ["retry_attempt"] = retryAttempt,
        ["retry_reason"] = retryAttempt > 0 ? "timeout" : string.Empty,
        ["payload"] = new JsonObject
        {
            ["token"] = "unused",
            ["team_id"] = team,
            ["api_app_id"] = "A111",
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1700000100,
            ["event"] = inner.DeepClone(),
        },
    }.ToJsonString();

    public static string SlashCommand(string envelopeId, string text, string command = "/pick", string user = "U0ASKER", string channel = "C0CHAN") => new JsonObject
    {
        ["envelope_id"] = envelopeId,
        ["type"] = "slash_commands",
        ["accepts_response_payload"] = true,
        ["payload"] = new JsonObject
        {
            ["token"] = "unused",
            ["team_id"] = "T0TEAM",
            ["team_domain"] = "team",
            ["channel_id"] = channel,
            ["channel_name"] = "general",
            ["user_id"] = user,
            ["user_name"] = "asker",
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = "A111",
            ["response_url"] = "https://hooks.slack.invalid/commands/1/2/3",
            ["trigger_id"] = "1.2.3",
        },
    }.ToJsonString();

    public static string Interactive(string envelopeId, JsonObject payload) => new JsonObject
    {
        ["envelope_id"] = envelopeId,
        ["type"] = "interactive",
        ["accepts_response_payload"] = false,
        ["payload"] = payload.DeepClone(),
    }.ToJsonString();
}
