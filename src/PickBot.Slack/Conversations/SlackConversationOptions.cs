using System.ComponentModel.DataAnnotations;

namespace PickBot.Slack.Conversations;

/// <summary>
/// How PickBot reads the threads it is called into and remembers the ones it answered. Bound to the <c>Slack</c> section
/// beside <see cref="SlackOptions"/>: <c>Slack:ThreadContextMessages</c>, <c>Slack:ThreadCacheDuration</c>,
/// <c>Slack:FollowUpsWithoutMention</c>, <c>Slack:ThreadMemoryDays</c>, <c>Slack:ThreadMemoryMaxThreads</c>.
/// </summary>
public sealed class SlackConversationOptions
{
    public const string SectionName = "Slack";

    /// <summary>The most recent replies read before the mention, besides the thread's first message; 0 reads none.</summary>
    [Range(0, 1000)]
    public int ThreadContextMessages { get; set; } = 50;

    /// <summary>
    /// How long a thread once read is answered from memory instead of read again: conversations.replies is a Tier 3
    /// method (and 1 a minute for some distributed apps), and mentions come in bursts.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ThreadCacheDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// With <c>message.channels</c> / <c>message.groups</c> subscribed, a reply in a thread PickBot answered that reads
    /// as a question to it is answered without a mention. Off by default.
    /// </summary>
    public bool FollowUpsWithoutMention { get; set; }

    /// <summary>How long PickBot remembers a thread it answered in (comparison, phrases in use, its last answer).</summary>
    [Range(1, 365)]
    public int ThreadMemoryDays { get; set; } = 7;

    /// <summary>The most threads remembered; the oldest are forgotten first.</summary>
    [Range(100, 10_000_000)]
    public int ThreadMemoryMaxThreads { get; set; } = 100_000;

    /// <summary>How long a person's display name from users.info is reused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan UserNameCacheDuration { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan ThreadMemoryAge => TimeSpan.FromDays(ThreadMemoryDays);
}
