using PickBot.Core.Rephrasing;

namespace PickBot.Llm;

/// <summary>Asks the model which known comparison a question is about, and reads only a listed id from its reply.</summary>
internal sealed class SemanticKernelInterpreter(LlmChat chat, ILogger<SemanticKernelInterpreter> logger) : IQuestionInterpreter
{
    public bool IsEnabled => true;

    public async Task<string?> InterpretAsync(string question, IReadOnlyList<ComparisonChoice> choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var reply = await chat.CompleteAsync("interpret", InterpretPrompt.Build(question, choices), cancellationToken);
        var id = InterpretPrompt.Parse(reply, choices);
        if (reply is not null && id is null)
        {
            logger.LogInformation("LLM interpret reply named no listed comparison");
        }

        return id;
    }
}
