namespace PickBot.Slack.Blocks;

/// <summary>A composition text object: plain_text or mrkdwn.</summary>
public sealed record TextObject(string Type, string Text)
{
    public static TextObject Plain(string text) => new("plain_text", text);

    public static TextObject Markdown(string text) => new("mrkdwn", text);
}
