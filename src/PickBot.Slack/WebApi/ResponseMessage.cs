using PickBot.Slack.Blocks;

namespace PickBot.Slack.WebApi;

/// <summary>A message posted to a <c>response_url</c> (slash commands and interactions).</summary>
public sealed record ResponseMessage(string Text, IReadOnlyList<Block>? Blocks = null, string ResponseType = SlackOptions.Ephemeral)
{
    /// <summary>False keeps the message the button was on; Slack's default would replace it.</summary>
    public bool? ReplaceOriginal { get; init; } = false;

    public string? ThreadTs { get; init; }
}
