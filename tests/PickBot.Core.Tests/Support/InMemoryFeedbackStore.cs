using PickBot.Core.Feedback;

namespace PickBot.Core.Tests.Support;

/// <summary>A feedback store in a list, for the report's logic; the durable stores have their own tests.</summary>
internal sealed class InMemoryFeedbackStore : IFeedbackStore
{
    public List<Vote> Votes { get; } = [];

    public List<UnansweredQuestion> Unanswered { get; } = [];

    public Task RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        Votes.Add(vote);
        return Task.CompletedTask;
    }

    public Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken = default)
    {
        Unanswered.Add(question);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Vote>> VotesAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Vote>>(Votes.Where(v => since is null || v.At >= since).ToList());

    public Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UnansweredQuestion>>(Unanswered.Where(q => since is null || q.At >= since).ToList());
}
