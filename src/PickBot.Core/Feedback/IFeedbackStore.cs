namespace PickBot.Core.Feedback;

/// <summary>
/// The durable record of what people thought of answers and what they asked that PickBot could not answer: the
/// admins' to-do list. A seam because the store differs by deployment (SQLite in one process, Redis across replicas).
/// </summary>
public interface IFeedbackStore
{
    Task RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default);

    Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Vote>> VotesAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default);
}

/// <summary>A helpful / not helpful vote on one answer.</summary>
/// <param name="Id">Unique per click, so that a vote delivered twice is stored once.</param>
public sealed record Vote(
    string Id,
    string Question,
    string? EntryId,
    string? PickId,
    bool Helpful,
    string UserId,
    string ChannelId,
    DateTimeOffset At);

/// <summary>A question that matched no comparison.</summary>
/// <param name="Origin">Where it was asked: "command", "mention", "message", "playground".</param>
public sealed record UnansweredQuestion(
    string Question,
    string? UserId,
    string? ChannelId,
    string Origin,
    DateTimeOffset At);
