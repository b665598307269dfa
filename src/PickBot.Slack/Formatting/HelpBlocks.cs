using PickBot.Slack.Blocks;

namespace PickBot.Slack.Formatting;

/// <summary>How to use PickBot, for <c>/pick</c>, <c>/pick help</c> and messages that are not a question.</summary>
public static class HelpBlocks
{
    public static MessageContent Render(string command = "/pick")
    {
        var text = "Ask me to pick between options, and add your context: the pick depends on it.\n"
            + $"• `{command} kafka vs rabbitmq for order events`\n"
            + $"• `{command} mtl or stl for a spam filter?`\n"
            + $"• `{command} list` shows every comparison I know; `{command} list ml` only one area or tag.\n"
            + "You can also mention me in a thread, or send me a direct message.";
        return new MessageContent("Ask me to pick between options, with your context. Try: " + command + " list", [BlockLimits.Section(text)]);
    }
}
