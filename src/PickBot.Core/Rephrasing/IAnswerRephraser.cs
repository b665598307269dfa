using PickBot.Core.Answers;

namespace PickBot.Core.Rephrasing;

/// <summary>
/// Turns a structured answer into a few conversational sentences (the LLM step). The pick is already decided: an
/// implementation only rewords it, and <see cref="RephraseGuard"/> throws away text that does not keep it.
/// </summary>
public interface IAnswerRephraser
{
    /// <summary>False for the pass-through, so callers do not wait or send a second message for nothing.</summary>
    bool IsEnabled { get; }

    /// <summary>
    /// The rephrased text, or null when there is none (disabled, failed, timed out). Must not throw for a failure of
    /// the model or the network; cancellation of <paramref name="cancellationToken"/> may end it early with null.
    /// </summary>
    Task<string?> RephraseAsync(string question, Answer answer, CancellationToken cancellationToken);
}
