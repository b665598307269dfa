using PickBot.Slack.Blocks;

namespace PickBot.Slack.WebApi;

/// <summary>chat.update arguments: replaces the message at <see cref="Ts"/>.</summary>
public sealed record ChatUpdate(string Channel, string Ts, string Text, IReadOnlyList<Block>? Blocks = null);
