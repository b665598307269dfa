using System.Collections.Concurrent;
using PickBot.Core.Feedback;

namespace PickBot.Slack.Tests.Support;

/// <summary>An in-memory <see cref="IFeedbackStore"/> that can be told to fail, to test what callers do then.</summary>
internal sealed class RecordingFeedbackStore : IFeedbackStore
{
    public ConcurrentQueue<Vote> Votes { get; } = new();

    public ConcurrentQueue<UnansweredQuestion> Unanswered { get; } = new();

    public bool Fail { get; init; }

    public TaskCompletionSource<UnansweredQuestion> FirstUnanswered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new IOException("disk full");
        }

        Votes.Enqueue(vote);
        return Task.CompletedTask;
    }

    public Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            FirstUnanswered.TrySetException(new IOException("disk full"));
            throw new IOException("disk full");
        }

        Unanswered.Enqueue(question);
        FirstUnanswered.TrySetResult(question);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Vote>> VotesAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Vote>>(Votes.ToList());

    public Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UnansweredQuestion>>(Unanswered.ToList());
}
