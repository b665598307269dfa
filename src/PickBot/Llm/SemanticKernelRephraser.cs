using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;

namespace PickBot.Llm;

/// <summary>Rephrases through Semantic Kernel's chat completion; the guard in Core decides whether the text is used.</summary>
internal sealed class SemanticKernelRephraser(LlmChat chat, KnowledgeStore store) : IAnswerRephraser
{
    public bool IsEnabled => true;

    public Task<string?> RephraseAsync(string question, Answer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Kind != AnswerKind.Pick || answer.Entry is null || answer.Pick is null)
        {
            return Task.FromResult<string?>(null);
        }

        return chat.CompleteAsync("rephrase", RephrasePrompt.Build(question, answer, store.Current), cancellationToken);
    }
}
