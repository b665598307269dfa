using System.Text.RegularExpressions;

namespace PickBot.Slack.Conversations;

/// <summary>
/// Whether a thread reply without a mention reads as a question to PickBot (Slack:FollowUpsWithoutMention): a question
/// mark, or a follow-up's opening ("what if", "why not", "and kafka vs sqs"). A reply that names another person is
/// talk between people; one that names PickBot arrives as an app_mention anyway.
/// </summary>
public static partial class FollowUpText
{
    public static bool ReadsAsQuestion(string? text)
    {
        // Someone else is addressed, or PickBot is (then the app_mention event answers it).
        if (string.IsNullOrWhiteSpace(text) || UserMention().IsMatch(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        return trimmed.EndsWith('?') || Opening().IsMatch(trimmed);
    }

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")]
    private static partial Regex UserMention();

    [GeneratedRegex(@"^(what if|why not|why don't|what about|how about|and\b|or\b|but what|so which|which one)", RegexOptions.IgnoreCase)]
    private static partial Regex Opening();
}
