using PickBot.Slack.Blocks;

namespace PickBot.Slack.WebApi;

/// <summary>chat.postEphemeral arguments: a message only <see cref="User"/> sees.</summary>
public sealed record ChatPostEphemeral(string Channel, string User, string Text, IReadOnlyList<Block>? Blocks = null, string? ThreadTs = null);
