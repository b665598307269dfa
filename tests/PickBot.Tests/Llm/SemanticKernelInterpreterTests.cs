using PickBot.Core.Answers;
using PickBot.Tests.Support;

namespace PickBot.Tests.Llm;

/// <summary>Placing questions the parser cannot, through the real connector against a fake server.</summary>
public sealed class SemanticKernelInterpreterTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("{\"entry\": \"kafka-vs-rabbitmq\"}")]
    [InlineData("```json\n{\"entry\":\"kafka-vs-rabbitmq\"}\n```")]
    [InlineData("Sure! {\"entry\": \"Kafka-vs-RabbitMQ\"} is the one.")]
    public async Task AnswerAsync_ModelNamesARealEntry_AnswersFromItAsInferred(string reply)
    {
        _server.Enqueue(OpenAiReply.Chat(reply), OpenAiReply.Chat("Apache Kafka fits: you need to replay order events, and only a log keeps them."));
        await using var harness = LlmHarness.Create(_server.Endpoint);

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.Unplaceable);

        Assert.Equal(AnswerKind.Pick, result.Answer.Kind);
        Assert.True(result.Answer.Inferred);
        Assert.Equal("kafka-vs-rabbitmq", result.Answer.Entry!.Id);
        Assert.Equal("kafka", result.Answer.Pick!.Id);
        Assert.NotNull(result.Rephrased);
        var interpretRequest = _server.Requests[0].Messages;
        Assert.Contains("kafka-vs-rabbitmq", interpretRequest, StringComparison.Ordinal);
        Assert.Contains("multi-task-vs-single-task-learning", interpretRequest, StringComparison.Ordinal);
        Assert.Contains(LlmKnowledge.Unplaceable, interpretRequest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"entry\": \"nats-vs-kafka\"}")]
    [InlineData("{\"entry\": null}")]
    [InlineData("kafka-vs-rabbitmq")]
    [InlineData("{\"entry\": [\"kafka-vs-rabbitmq\"]}")]
    [InlineData("{entry: kafka-vs-rabbitmq")]
    public async Task AnswerAsync_ModelInventsOrGarbles_KeepsTheUnplacedAnswer(string reply)
    {
        _server.Enqueue(OpenAiReply.Chat(reply));
        await using var harness = LlmHarness.Create(_server.Endpoint);

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.Unplaceable);

        Assert.NotEqual(AnswerKind.Pick, result.Answer.Kind);
        Assert.False(result.Answer.Inferred);
        Assert.Null(result.Rephrased);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task AnswerAsync_InterpreterServerDown_KeepsTheUnplacedAnswer()
    {
        _server.Fallback = OpenAiReply.Status(502);
        await using var harness = LlmHarness.Create(_server.Endpoint, new Dictionary<string, string?> { ["Llm:MaxRetries"] = "0" });

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.Unplaceable);

        Assert.NotEqual(AnswerKind.Pick, result.Answer.Kind);
        Assert.False(result.Answer.Inferred);
    }
}
