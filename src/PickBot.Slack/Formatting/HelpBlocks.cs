using PickBot.Slack.Blocks;

namespace PickBot.Slack.Formatting;

/// <summary>How to use PickBot, for <c>/pick</c>, <c>/pick help</c> and messages that are not a question.</summary>
public static class HelpBlocks
{
    /// <param name="prefix">How a question starts where it is asked: "/pick", "@PickBot", or "" in a direct message.</param>
    public static MessageContent Render(string prefix = "/pick")
    {
        var text = "Ask me to pick between options, and add your context: the pick depends on it.\n"
            + $"• `{Ask(prefix, "kafka vs rabbitmq to replay order events")}`\n"
            + $"• `{Ask(prefix, "mtl or stl for a spam filter?")}`\n"
            + $"• `{Ask(prefix, "list")}` shows every comparison I know; `{Ask(prefix, "list ml")}` only one area or tag.\n"
            + "You can use `/pick`, mention me in a thread, or send me a direct message.";
        return new MessageContent($"Ask me to pick between options, with your context. Try: {Ask(prefix, "list")}", [BlockLimits.Section(text)]);
    }

    /// <summary>A question as it would be typed after <paramref name="prefix"/>.</summary>
    public static string Ask(string prefix, string question) => string.IsNullOrEmpty(prefix) ? question : $"{prefix} {question}";
}
