namespace PickBot.Core.Rephrasing;

/// <summary>
/// Maps a question the parser could not place to one of the known comparisons, by its meaning (the LLM step).
/// The id it returns is only a proposal: <see cref="ConversationalAnswerer"/> checks it against the knowledge base.
/// </summary>
public interface IQuestionInterpreter
{
    bool IsEnabled { get; }

    /// <summary>One of the ids in <paramref name="choices"/>, or null when none fits or the step failed. Must not throw.</summary>
    Task<string?> InterpretAsync(string question, IReadOnlyList<ComparisonChoice> choices, CancellationToken cancellationToken);
}
