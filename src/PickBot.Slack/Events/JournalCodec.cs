using System.Text.Json;

namespace PickBot.Slack.Events;

/// <summary>
/// How journaled work is written to a journal's storage and read back: a kind and a JSON document. Mentions and
/// direct messages keep their fields; an interaction reply keeps its response_url and the message as Slack's JSON.
/// </summary>
public static class JournalCodec
{
    public const string Mention = "mention";
    public const string Response = "response";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>True for the work that must survive a crash: questions and interaction replies (not LLM rewording).</summary>
    public static bool IsJournaled(SlackWork work) => work is MentionWork or ResponseWork;

    /// <summary>The id a work item is journaled under: a mention's event id, so a retry maps onto the same entry.</summary>
    public static string NewId(SlackWork work) => work is MentionWork m ? "event:" + m.EventId : "reply:" + Guid.NewGuid().ToString("N");

    public static (string Kind, string Json) Encode(SlackWork work) => work switch
    {
        MentionWork m => (Mention, JsonSerializer.Serialize(m with { JournalId = null, Attempts = 0 }, Json)),
        ResponseWork r => (Response, JsonSerializer.Serialize(new StoredResponse(r.ResponseUrl, r.Json ?? JsonSerializer.Serialize(r.Message, SlackJson.Options), r.Message.Text, r.Context), Json)),
        _ => throw new ArgumentException($"{work.GetType().Name} is not journaled", nameof(work)),
    };

    /// <summary>The work again, or null for a kind this build does not know (logged by the caller, then dropped).</summary>
    public static SlackWork? Decode(string journalId, string kind, string json, int attempts)
    {
        SlackWork? work = kind switch
        {
            Mention => JsonSerializer.Deserialize<MentionWork>(json, Json),
            Response when JsonSerializer.Deserialize<StoredResponse>(json, Json) is { } r =>
                new ResponseWork(r.Url, new WebApi.ResponseMessage(r.Text), r.Context) { Json = r.Message },
            _ => null,
        };
        return work is null ? null : work with { JournalId = journalId, Attempts = attempts };
    }

    private sealed record StoredResponse(Uri Url, string Message, string Text, string Context);
}
