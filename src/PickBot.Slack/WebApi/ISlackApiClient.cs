namespace PickBot.Slack.WebApi;

/// <summary>
/// The Slack Web API methods PickBot calls. A seam at a boundary PickBot does not own (SlackNet's ISlackApiClient
/// could stand behind it), so handlers can be tested against a fake.
/// </summary>
public interface ISlackApiClient
{
    Task<SlackApiResult> PostMessageAsync(ChatPostMessage message, CancellationToken cancellationToken = default);

    Task<SlackApiResult> PostEphemeralAsync(ChatPostEphemeral message, CancellationToken cancellationToken = default);

    Task<SlackApiResult> UpdateAsync(ChatUpdate message, CancellationToken cancellationToken = default);

    /// <summary>Posts to a slash command's or interaction's <c>response_url</c> (no token: the URL is the credential).</summary>
    Task<SlackApiResult> RespondAsync(Uri responseUrl, ResponseMessage message, CancellationToken cancellationToken = default);

    Task<SlackApiResult> AuthTestAsync(CancellationToken cancellationToken = default);

    /// <summary>Posts a message that is already Slack's JSON (a reply read back from the intake journal).</summary>
    Task<SlackApiResult> RespondAsync(Uri responseUrl, string json, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the bot already answered event <paramref name="eventId"/>: a message after <paramref name="oldest"/> in
    /// the thread (or, without one, the conversation) that carries the answer's <see cref="MessageMetadata"/>. Null
    /// when Slack could not tell (missing scope, outage).
    /// </summary>
    Task<bool?> IsAnsweredAsync(string channel, string? threadTs, string oldest, string eventId, CancellationToken cancellationToken = default);

    /// <summary>One page of a thread (Tier 3: a 429's Retry-After is honoured by the client's retry).</summary>
    Task<ConversationsRepliesPage> ConversationsRepliesAsync(ConversationsReplies request, CancellationToken cancellationToken = default);

    Task<UsersInfo> UsersInfoAsync(string userId, CancellationToken cancellationToken = default);

    Task<SlackApiResult> ViewsPublishAsync(ViewsPublish view, CancellationToken cancellationToken = default);
}
