using PickBot.Core.Answers;
using PickBot.Core.Rephrasing;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Rephrasing;

public sealed class ConversationalAnswererTests
{
    private const string SpamQuestion = "mtl vs stl for a spam filter";

    // The parser cannot place this: it names no option of any entry.
    private const string Unplaceable = "which queue should we use for order events that we need to replay later?";

    [Fact]
    public async Task AnswerAsync_LlmDisabled_ReturnsTheDeterministicAnswerOnly()
    {
        var sut = new ConversationalAnswerer(TestKnowledge.SeedEngine());

        var result = await sut.AnswerAsync(SpamQuestion);

        Assert.False(sut.IsEnabled);
        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
        Assert.Null(result.Rephrased);
        Assert.Equal(RephraseOutcome.NotUsed, result.Outcome);
    }

    [Fact]
    public async Task AnswerAsync_RephraseKeepsThePick_ReturnsItWithTheSameAnswer()
    {
        var rephraser = new FakeRephraser("  For a spam filter, STL is the better fit: one focused job.  ");
        var sut = CreateSut(rephraser);

        var result = await sut.AnswerAsync(SpamQuestion);

        Assert.Equal(RephraseOutcome.Rephrased, result.Outcome);
        Assert.Equal("For a spam filter, STL is the better fit: one focused job.", result.Rephrased);
        Assert.Equal(Json(TestKnowledge.SeedEngine().Ask(SpamQuestion)), Json(result.Answer));
        Assert.Equal(SpamQuestion, rephraser.Questions.Single());
    }

    [Fact]
    public async Task AnswerAsync_RephraseFlipsThePick_RejectsTheTextAndKeepsThePick()
    {
        var sut = CreateSut(new FakeRephraser("Go with multi-task learning for spam."));

        var result = await sut.AnswerAsync(SpamQuestion);

        Assert.Equal(RephraseOutcome.Rejected, result.Outcome);
        Assert.Null(result.Rephrased);
        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
        Assert.NotNull(result.RejectedBecause);
    }

    [Fact]
    public async Task AnswerAsync_RephraseLongerThanTheCap_Rejects()
    {
        var sut = CreateSut(new FakeRephraser("STL fits a spam filter. " + new string('y', 300)), maxChars: 200);

        var result = await sut.AnswerAsync(SpamQuestion);

        Assert.Equal(RephraseOutcome.Rejected, result.Outcome);
    }

    [Fact]
    public async Task AnswerAsync_RephraserThrows_FallsBackToThePlainAnswer()
    {
        var sut = CreateSut(new FakeRephraser(_ => throw new InvalidOperationException("boom")));

        var result = await sut.AnswerAsync(SpamQuestion);

        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Rephrased);
        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
    }

    [Fact]
    public async Task AnswerAsync_RephraserGivesNothing_IsUnavailable()
    {
        var sut = CreateSut(new FakeRephraser((string?)null));

        var result = await sut.AnswerAsync(SpamQuestion);

        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
    }

    [Fact]
    public async Task ImproveAsync_CallerBudgetRunsOut_ReturnsTheAnswerItHas()
    {
        var rephraser = new FakeRephraser(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        });
        var sut = CreateSut(rephraser);
        using var budget = new CancellationTokenSource();
        var answer = sut.Ask(SpamQuestion);

        var pending = sut.ImproveAsync(answer, budget.Token);
        await rephraser.Started.Task;
        await budget.CancelAsync();
        var result = await pending;

        Assert.Same(answer, result.Answer);
        Assert.Null(result.Rephrased);
        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
    }

    [Fact]
    public async Task AnswerAsync_InterpreterPlacesTheQuestion_AnswersFromThatEntryAsInferred()
    {
        var interpreter = new FakeInterpreter("kafka-vs-rabbitmq");
        var engine = TestKnowledge.MixedEngine();
        Assert.NotEqual(AnswerKind.Pick, engine.Ask(Unplaceable).Kind);
        var sut = new ConversationalAnswerer(engine, new PassThroughRephraser(), interpreter);

        var result = await sut.AnswerAsync(Unplaceable);

        Assert.Equal(AnswerKind.Pick, result.Answer.Kind);
        Assert.True(result.Answer.Inferred);
        Assert.Equal("kafka-vs-rabbitmq", result.Answer.Entry!.Id);
        Assert.Equal("kafka", result.Answer.Pick!.Id);
        Assert.Equal("replay", result.Answer.RuleId);
        Assert.Equal(
            ["kafka-vs-rabbitmq", "multi-task-vs-single-task-learning", "redis-vs-memcached"],
            interpreter.Choices.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_InterpreterInventsAnId_KeepsTheNoMatchAnswer()
    {
        var engine = TestKnowledge.MixedEngine();
        var sut = new ConversationalAnswerer(engine, new FakeRephraser("Kafka."), new FakeInterpreter("nats-vs-kafka"));

        var result = await sut.AnswerAsync(Unplaceable);

        Assert.Equal(Json(engine.Ask(Unplaceable)), Json(result.Answer));
        Assert.False(result.Answer.Inferred);
        Assert.Equal(RephraseOutcome.NotUsed, result.Outcome);
    }

    [Fact]
    public async Task AnswerAsync_InferredAnswer_IsRephrasedToo()
    {
        var engine = TestKnowledge.MixedEngine();
        var sut = new ConversationalAnswerer(engine, new FakeRephraser("Kafka fits: you need to replay order events."), new FakeInterpreter("kafka-vs-rabbitmq"));

        var result = await sut.AnswerAsync(Unplaceable);

        Assert.True(result.Answer.Inferred);
        Assert.Equal("Kafka fits: you need to replay order events.", result.Rephrased);
    }

    [Theory]
    [InlineData(SpamQuestion)]
    [InlineData("hi")]
    public async Task AnswerAsync_ParserPlacedItOrAGreeting_DoesNotAskTheInterpreter(string question)
    {
        var interpreter = new FakeInterpreter("kafka-vs-rabbitmq");
        var sut = new ConversationalAnswerer(TestKnowledge.MixedEngine(), new PassThroughRephraser(), interpreter);

        var result = await sut.AnswerAsync(question);

        Assert.Empty(interpreter.Choices);
        Assert.False(result.Answer.Inferred);
    }

    private static string Json(Answer answer) => AnswerDocument.From(answer).ToJson();

    private static ConversationalAnswerer CreateSut(IAnswerRephraser rephraser, int maxChars = RephraseGuard.DefaultMaxChars) =>
        new(TestKnowledge.SeedEngine(), rephraser, new NoQuestionInterpreter(), logger: null, maxChars);

    private sealed class FakeRephraser(Func<CancellationToken, Task<string?>> reply) : IAnswerRephraser
    {
        public FakeRephraser(string? text)
            : this(_ => Task.FromResult(text))
        {
        }

        public List<string> Questions { get; } = [];

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsEnabled => true;

        public Task<string?> RephraseAsync(string question, Answer answer, CancellationToken cancellationToken)
        {
            Questions.Add(question);
            Started.TrySetResult();
            return reply(cancellationToken);
        }
    }

    private sealed class FakeInterpreter(string? id) : IQuestionInterpreter
    {
        public List<ComparisonChoice> Choices { get; } = [];

        public bool IsEnabled => true;

        public Task<string?> InterpretAsync(string question, IReadOnlyList<ComparisonChoice> choices, CancellationToken cancellationToken)
        {
            Choices.AddRange(choices);
            return Task.FromResult(id);
        }
    }
}
