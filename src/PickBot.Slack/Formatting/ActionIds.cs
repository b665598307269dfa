namespace PickBot.Slack.Formatting;

/// <summary>The action_id of each button PickBot puts under an answer.</summary>
public static class ActionIds
{
    public const string Helpful = "pickbot_helpful";
    public const string NotHelpful = "pickbot_not_helpful";
    public const string ShowBothSides = "pickbot_show_both_sides";
}
