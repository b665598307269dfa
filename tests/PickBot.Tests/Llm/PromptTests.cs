using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Moq;
using PickBot.Core.Knowledge;
using PickBot.Llm;
using PickBot.Tests.Support;

namespace PickBot.Tests.Llm;

/// <summary>What the model is shown: captured from the chat service boundary with Moq.</summary>
public sealed class PromptTests
{
    [Fact]
    public async Task RephraseAsync_Prompt_HoldsTheQuestionAndTheEntrysFactsOnly()
    {
        var (harness, prompts) = CreateSut("Single Task Learning fits a spam filter.");
        await using var _ = harness;

        await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        var prompt = Assert.Single(prompts);
        var kb = harness.Services.GetRequiredService<KnowledgeStore>().Current;
        var entry = kb.FindComparison("multi-task-vs-single-task-learning")!;
        var answer = harness.Answerer.Ask(LlmKnowledge.SpamQuestion);
        Assert.Contains(LlmKnowledge.SpamQuestion, prompt, StringComparison.Ordinal);
        Assert.Contains(entry.Title, prompt, StringComparison.Ordinal);
        foreach (var side in entry.Sides)
        {
            Assert.Contains(side.UseWhen, prompt, StringComparison.Ordinal);
            Assert.All(side.Pros.Concat(side.Cons).Concat(side.Examples), fact => Assert.Contains(fact, prompt, StringComparison.Ordinal));
        }

        Assert.Contains("PICK (keep it): Single Task Learning", prompt, StringComparison.Ordinal);
        Assert.Contains(answer.Justification, prompt, StringComparison.Ordinal);
        Assert.Contains("\"spam filter\"", prompt, StringComparison.Ordinal);
        Assert.Contains("When Multi-Task Learning wins instead:", prompt, StringComparison.Ordinal);
        Assert.All(entry.Sources, s => Assert.Contains(s.Title, prompt, StringComparison.Ordinal));

        // Nothing from the other entry in the same knowledge base.
        var other = kb.FindComparison("kafka-vs-rabbitmq")!;
        Assert.DoesNotContain(other.Title, prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("Kafka", prompt, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("RabbitMQ", prompt, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.DefaultBecause, prompt, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Sources[0].Title, prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RephraseAsync_Prompt_TellsTheModelToKeepThePickAndUseOnlyTheFacts()
    {
        var (harness, prompts) = CreateSut("Single Task Learning fits a spam filter.");
        await using var _ = harness;

        await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        var prompt = Assert.Single(prompts);
        Assert.Contains("using only the facts given", prompt, StringComparison.Ordinal);
        Assert.Contains("Keep the given pick", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RephraseAsync_SlackMarkupInTheQuestion_IsStrippedFromThePrompt()
    {
        var (harness, prompts) = CreateSut("Single Task Learning fits a spam filter.");
        await using var _ = harness;

        await harness.Answerer.AnswerAsync("<@U0123ABCD> *mtl* vs stl for a spam filter");

        Assert.DoesNotContain("<@U0123ABCD>", Assert.Single(prompts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_ChatServiceAccepted_ReturnsItsTextThroughTheGuard()
    {
        var (harness, _) = CreateSut("Multi-Task Learning is the better choice here.");
        await using var __ = harness;

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Null(result.Rephrased);
        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
    }

    [Fact]
    public void InterpretPrompt_Parse_OnlyReturnsListedIds()
    {
        var choices = new[] { new Core.Rephrasing.ComparisonChoice("a-vs-b", "A vs B", ["A", "B"]) };

        Assert.Equal("a-vs-b", InterpretPrompt.Parse("{\"entry\":\"a-vs-b\"}", choices));
        Assert.Null(InterpretPrompt.Parse("{\"entry\":\"c-vs-d\"}", choices));
        Assert.Null(InterpretPrompt.Parse("{\"entry\":null}", choices));
        Assert.Null(InterpretPrompt.Parse("not json", choices));
        Assert.Null(InterpretPrompt.Parse(null, choices));
    }

    private static (LlmHarness Harness, List<string> Prompts) CreateSut(string reply)
    {
        var prompts = new List<string>();
        var chat = new Mock<IChatCompletionService>();
        chat.Setup(c => c.GetChatMessageContentsAsync(It.IsAny<ChatHistory>(), It.IsAny<PromptExecutionSettings?>(), It.IsAny<Kernel?>(), It.IsAny<CancellationToken>()))
            .Callback((ChatHistory history, PromptExecutionSettings? _, Kernel? _, CancellationToken _) => prompts.Add(string.Join("\n", history.Select(m => m.Content))))
            .ReturnsAsync([new ChatMessageContent(AuthorRole.Assistant, reply)]);
        var harness = LlmHarness.Create("http://127.0.0.1:9/v1", configure: s => s.AddSingleton(chat.Object));
        return (harness, prompts);
    }
}
