namespace PickBot.Core.Rephrasing;

/// <summary>The interpreter when the LLM is off: an unplaced question stays unplaced.</summary>
public sealed class NoQuestionInterpreter : IQuestionInterpreter
{
    public bool IsEnabled => false;

    public Task<string?> InterpretAsync(string question, IReadOnlyList<ComparisonChoice> choices, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
