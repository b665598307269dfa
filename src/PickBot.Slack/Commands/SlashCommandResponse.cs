using PickBot.Slack.Blocks;

namespace PickBot.Slack.Commands;

/// <summary>The immediate answer to a slash command: the HTTP response body, or a Socket Mode ack payload.</summary>
public sealed record SlashCommandResponse(string ResponseType, string Text, IReadOnlyList<Block>? Blocks = null)
{
    public static SlashCommandResponse From(string responseType, MessageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(responseType, content.Text, content.Blocks.Count > 0 ? content.Blocks : null);
    }
}
