using PickBot.Core.Answers;

namespace PickBot.Core.Conversations;

/// <summary>
/// What PickBot keeps of a conversation it answered in: the comparison, the phrases its answer stood on (with who
/// wrote them), and where its last answer is. Never the conversation's text beyond those phrases.
/// </summary>
/// <param name="Conversation">The transport's key for the conversation (Slack: channel and thread ts).</param>
public sealed record ThreadMemory(
    string Conversation,
    string EntryId,
    IReadOnlyList<Attribution> Phrases,
    string? LastAnswerTs,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Phrases kept per conversation: what one answer quotes, not a transcript.</summary>
    public const int MaxPhrases = 12;

    /// <summary>The longest phrase kept, in characters.</summary>
    public const int MaxPhraseLength = 200;

    /// <summary>The memory of an answer: its comparison and its deciding words, cut to the bounds above.</summary>
    public static ThreadMemory Of(string conversation, Answer answer, string? answerTs, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentException.ThrowIfNullOrEmpty(conversation);
        var phrases = new List<Attribution>(Math.Min(MaxPhrases, answer.DecidedBy.Count));
        for (var i = Math.Max(0, answer.DecidedBy.Count - MaxPhrases); i < answer.DecidedBy.Count; i++)
        {
            var words = answer.DecidedBy[i];
            var author = i < answer.Attributions.Count ? answer.Attributions[i].Author : null;
            phrases.Add(new Attribution(words.Length > MaxPhraseLength ? words[..MaxPhraseLength] : words, author));
        }

        return new ThreadMemory(conversation, answer.Entry?.Id ?? throw new ArgumentException("Only a pick is remembered", nameof(answer)), phrases, answerTs, at);
    }
}
