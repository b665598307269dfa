namespace PickBot.Core.Answers;

/// <summary>Deciding words and who wrote them: a person's name (or Slack user id) in a thread, null for the asker's own question.</summary>
public sealed record Attribution(string Words, string? Author);
