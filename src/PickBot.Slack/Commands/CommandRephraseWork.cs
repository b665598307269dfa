using PickBot.Core.Answers;
using PickBot.Slack.Events;

namespace PickBot.Slack.Commands;

/// <summary>
/// After a slash command was answered at once: let the LLM step reword (or place) the answer, then replace the
/// original message through <paramref name="ResponseUrl"/>.
/// </summary>
public sealed record CommandRephraseWork(Answer Answer, Uri ResponseUrl, string ResponseType, string AskHint, string Channel) : SlackWork;
