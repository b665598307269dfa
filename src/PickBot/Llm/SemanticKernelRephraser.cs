using PickBot.Core.Answers;
using PickBot.Core.Rephrasing;

namespace PickBot.Llm;

/// <summary>
/// Rephrases through Semantic Kernel's chat completion; the guard in Core decides whether the text is used. The prompt
/// is built from the set the engine answered from (the asking workspace's, with knowledge per workspace).
/// </summary>
internal sealed class SemanticKernelRephraser(LlmChat chat, PickEngine engine) : IAnswerRephraser
{
    public bool IsEnabled => true;

    public Task<string?> RephraseAsync(string question, Answer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Kind != AnswerKind.Pick || answer.Entry is null || answer.Pick is null)
        {
            return Task.FromResult<string?>(null);
        }

        return chat.CompleteAsync("rephrase", RephrasePrompt.Build(question, answer, engine.Knowledge), cancellationToken);
    }
}
