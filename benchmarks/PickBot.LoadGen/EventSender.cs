using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace PickBot.LoadGen;

/// <summary>
/// Sends one signed Events API <c>event_callback</c> carrying an <c>app_mention</c>: a unique event_id (PickBot
/// deduplicates by it), a ts that encodes the sequence number, a real question, and users and channels that vary.
/// The signature is computed per request over the exact bytes sent, at the current time, as Slack does.
/// </summary>
internal sealed class EventSender(HttpClient http, LoadOptions options, EventLedger ledger)
{
    // Questions the real knowledge library answers with a pick (checked with `PickBot ask`); rotated per event.
    private static readonly string[] Questions =
    [
        "mtl vs stl for a spam filter",
        "should we use kafka or rabbitmq for order events?",
        "rest or graphql for a public api",
        "postgres vs mysql for a small team",
        "monolith or microservices for a team of 4",
    ];

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.SigningSecret);

    /// <summary>
    /// Sends event <paramref name="seq"/> (again, with X-Slack-Retry-Num, when <paramref name="retryNum"/> is above 0)
    /// and records its ack; the HTTP status, or -1 for a transport error.
    /// </summary>
    public async Task<int> SendAsync(long seq, bool badSignature = false, int retryNum = 0)
    {
        var ts = EventLedger.Ts(seq);
        var user = string.Create(CultureInfo.InvariantCulture, $"U{100_000 + (seq % 500)}");
        var channel = string.Create(CultureInfo.InvariantCulture, $"C{1_000 + (seq % 8)}");
        var question = Questions[seq % Questions.Length];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
            {"token":"bench","team_id":"T0001","api_app_id":"A0001","type":"event_callback","event_id":"Ev{{seq:D10}}","event_time":{{now}},"event":{"type":"app_mention","user":"{{user}}","text":"<@{{options.BotUserId}}> {{question}}","ts":"{{ts}}","channel":"{{channel}}","event_ts":"{{ts}}"},"authorizations":[{"team_id":"T0001","user_id":"{{options.BotUserId}}","is_bot":true}]}
            """));

        using var request = new HttpRequestMessage(HttpMethod.Post, options.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add("X-Slack-Request-Timestamp", now);
        request.Headers.Add("X-Slack-Signature", badSignature ? "v0=" + new string('0', 64) : Sign(now, body));
        if (retryNum > 0)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNum.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_error");
        }

        int status;
        ledger.Sent(seq, retryNum);
        try
        {
            using var response = await http.SendAsync(request);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = -1;
        }

        ledger.Acked(seq, status);
        return status;
    }

    private string Sign(string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, signed));
    }
}
