using System.Collections.Concurrent;
using PickBot.Core.Feedback;

namespace PickBot.Tests.Support;

/// <summary>A feedback store in memory, standing in for the durable one where a test is about what gets recorded.</summary>
internal sealed class InMemoryFeedbackStore : IFeedbackStore
{
    public ConcurrentQueue<Vote> Votes { get; } = new();

    public ConcurrentQueue<UnansweredQuestion> Unanswered { get; } = new();

    public Task RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        Votes.Enqueue(vote);
        return Task.CompletedTask;
    }

    public Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken = default)
    {
        Unanswered.Enqueue(question);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Vote>> VotesAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Vote>>(Votes.Where(v => since is null || v.At >= since).ToList());

    public Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UnansweredQuestion>>(Unanswered.Where(q => since is null || q.At >= since).ToList());
}
