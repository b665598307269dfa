using PickBot.Core.Answers;

namespace PickBot.Core.Rephrasing;

/// <summary>The rephraser when the LLM is off: the deterministic text is the answer.</summary>
public sealed class PassThroughRephraser : IAnswerRephraser
{
    public bool IsEnabled => false;

    public Task<string?> RephraseAsync(string question, Answer answer, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
