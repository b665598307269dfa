using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using PickBot.Slack.Verification;

namespace PickBot.Tests.Support;

/// <summary>Requests the way Slack sends them: exact body bytes, signed with the test secret and a chosen timestamp.</summary>
public static class SlackRequests
{
    public static HttpRequestMessage WithSignature(string path, string body, string contentType, DateTimeOffset? at = null, string secret = PickBotApiFactory.SigningSecret)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = WithoutSignature(path, body, contentType);
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    public static HttpRequestMessage WithoutSignature(string path, string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    public static HttpRequestMessage Command(string text, string command = "/pick", string user = "U123", string channel = "C123", DateTimeOffset? at = null)
    {
        var body = $"token=ignored&team_id=T1&team_domain=acme&channel_id={channel}&channel_name=general&user_id={user}&user_name=ada"
            + $"&command={Uri.EscapeDataString(command)}&text={Uri.EscapeDataString(text)}"
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fabc&trigger_id=1.2.3&api_app_id=A1";
        return WithSignature("/slack/commands", body, "application/x-www-form-urlencoded", at);
    }

    public static string Mention(string eventId, string text, string ts, string? threadTs = null, string user = "U123", string channel = "C123", string? botId = null, string type = "app_mention", string? channelType = null, string? subtype = null)
    {
        var inner = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (threadTs is not null)
        {
            inner["thread_ts"] = threadTs;
        }

        if (botId is not null)
        {
            inner["bot_id"] = botId;
        }

        if (channelType is not null)
        {
            inner["channel_type"] = channelType;
        }

        if (subtype is not null)
        {
            inner["subtype"] = subtype;
        }

        var envelope = new Dictionary<string, object?>
        {
            ["token"] = "ignored",
            ["team_id"] = "T1",
            ["api_app_id"] = "A1",
            ["event"] = inner,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1700000000,
            ["authorizations"] = new[] { new { team_id = "T1", user_id = PickBotApiFactory.BotUserId, is_bot = true } },
        };
        return System.Text.Json.JsonSerializer.Serialize(envelope);
    }

    public static HttpRequestMessage Event(string json, int? retryNum = null, string? retryReason = null)
    {
        var request = WithSignature("/slack/events", json, "application/json");
        if (retryNum is not null)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNum.Value.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", retryReason ?? "http_timeout");
        }

        return request;
    }

    /// <summary>A block_actions click on one of PickBot's answer buttons, as the signed form Slack posts.</summary>
    public static HttpRequestMessage Click(string actionId, string value, Uri responseUrl, string user = "U123", string channel = "C123", string messageTs = "1700000000.000100", string actionTs = "1700000100.123456")
    {
        var payload = new
        {
            type = "block_actions",
            user = new { id = user, username = "ada", team_id = "T1" },
            api_app_id = "A1",
            token = "ignored",
            container = new { type = "message", message_ts = messageTs, channel_id = channel, is_ephemeral = false },
            trigger_id = "1.2.3",
            team = new { id = "T1", domain = "acme" },
            channel = new { id = channel, name = "general" },
            message = new { type = "message", ts = messageTs, text = "Pick: ..." },
            response_url = responseUrl.ToString(),
            actions = new[] { new { action_id = actionId, block_id = "b1", value, type = "button", action_ts = actionTs } },
        };
        return Interaction(System.Text.Json.JsonSerializer.Serialize(payload));
    }

    public static HttpRequestMessage Interaction(string payloadJson) =>
        WithSignature("/slack/interactions", "payload=" + Uri.EscapeDataString(payloadJson), "application/x-www-form-urlencoded");
}
