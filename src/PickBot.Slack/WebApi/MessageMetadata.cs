using System.Text.Json.Nodes;

namespace PickBot.Slack.WebApi;

/// <summary>
/// chat.postMessage's <c>metadata</c>: PickBot marks its answers with the comparison they answered, so a later read of
/// the thread (conversations.replies with include_all_metadata) knows it without parsing the text.
/// </summary>
public sealed record MessageMetadata(string EventType, JsonObject EventPayload)
{
    public const string AnswerEventType = "pickbot_answer";

    public static MessageMetadata Answer(string entryId, string pickId) =>
        new(AnswerEventType, new JsonObject { ["entry"] = entryId, ["pick"] = pickId });
}
