using PickBot.Slack.Installations;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Events;

/// <summary>Work accepted from Slack and acknowledged, to be done after the ack by <see cref="SlackWorker"/>.</summary>
public abstract record SlackWork
{
    /// <summary>Whose work it is: the worker serves it in this team's scope. Taken from the scope it was queued in.</summary>
    public SlackTeam? Team { get; init; } = SlackTeamScope.Current;
}

/// <summary>A question to answer in a conversation: an app_mention, or a direct message to the bot.</summary>
/// <param name="Origin">"mention" or "message".</param>
/// <param name="ThreadTs">Where the reply goes; null for a plain reply in the conversation.</param>
public sealed record MentionWork(
    string EventId,
    string Channel,
    string User,
    string Text,
    string Ts,
    string? ThreadTs,
    string Origin) : SlackWork;

/// <summary>A reply to a response_url (feedback thanks, "show both sides").</summary>
public sealed record ResponseWork(Uri ResponseUrl, ResponseMessage Message, string Context) : SlackWork;
