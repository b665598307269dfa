using PickBot.Slack.Installations;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Events;

/// <summary>Work accepted from Slack and acknowledged, to be done after the ack by <see cref="SlackWorker"/>.</summary>
public abstract record SlackWork
{
    /// <summary>Its key in the <see cref="IIntakeJournal"/>; null for work that is not journaled.</summary>
    public string? JournalId { get; init; }

    /// <summary>Attempts at answering it so far (after a crash or a failed delivery, more than zero).</summary>
    public int Attempts { get; init; }

    /// <summary>Whose work it is: the worker serves it in this team's scope. Taken from the scope it was queued in.</summary>
    public SlackTeam? Team { get; init; } = SlackTeamScope.Current;
}

/// <summary>A question to answer in a conversation: an app_mention, or a direct message to the bot.</summary>
/// <param name="Origin">"mention", "message" or <see cref="FollowUp"/>.</param>
/// <param name="ThreadTs">Where the reply goes; null for a plain reply in the conversation.</param>
public sealed record MentionWork(
    string EventId,
    string Channel,
    string User,
    string Text,
    string Ts,
    string? ThreadTs,
    string Origin) : SlackWork
{
    /// <summary>A reply in a thread PickBot answered, without a mention (Slack:FollowUpsWithoutMention).</summary>
    public const string FollowUp = "followup";

    /// <summary>Asked inside a thread (not the thread's first message): the thread is read for context.</summary>
    public bool InThread => ThreadTs is not null && ThreadTs != Ts;
}

/// <summary>Someone opened PickBot's Home tab: publish it for them.</summary>
public sealed record HomeWork(string EventId, string User) : SlackWork;

/// <summary>A reply to a response_url (feedback thanks, "show both sides").</summary>
public sealed record ResponseWork(Uri ResponseUrl, ResponseMessage Message, string Context) : SlackWork
{
    /// <summary>The message as Slack's JSON, when it came back from the journal (blocks are written, never read).</summary>
    public string? Json { get; init; }
}
