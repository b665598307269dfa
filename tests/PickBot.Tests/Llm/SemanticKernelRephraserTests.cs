using System.Diagnostics;
using PickBot.Core.Rephrasing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Llm;

/// <summary>The rephrasing step end to end: Semantic Kernel's OpenAI connector over real HTTP to a fake server.</summary>
public sealed class SemanticKernelRephraserTests : IAsyncLifetime
{
    private const string GoodText = "For a spam filter, Single Task Learning is the better fit: it is one well-defined job, and a focused model usually scores higher on it. If you later add several related tasks, multi-task learning is worth a look.";

    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AnswerAsync_GoodRephrase_ReturnsItWithPickUnchanged()
    {
        _server.Enqueue(OpenAiReply.Chat(GoodText));
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(RephraseOutcome.Rephrased, result.Outcome);
        Assert.Equal(GoodText, result.Rephrased);
        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
        var request = Assert.Single(_server.Requests);
        Assert.Equal($"Bearer {LlmHarness.ApiKey}", request.Authorization);
        Assert.Contains("\"model\":\"fake-model\"", request.Body, StringComparison.Ordinal);
        Assert.Contains(LlmKnowledge.SpamQuestion, request.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_RephraseFlipsThePick_IsRejected()
    {
        _server.Enqueue(OpenAiReply.Chat("Go with Multi-Task Learning for your spam filter; STL is too narrow."));
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(RephraseOutcome.Rejected, result.Outcome);
        Assert.Null(result.Rephrased);
        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("rejected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_RephraseNamesNoOption_IsRejected()
    {
        _server.Enqueue(OpenAiReply.Chat("A focused model is the way to go here, it is simpler to train."));
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(RephraseOutcome.Rejected, result.Outcome);
        Assert.Null(result.Rephrased);
    }

    [Fact]
    public async Task AnswerAsync_ServerErrors_RetriesThenFallsBack()
    {
        _server.Fallback = OpenAiReply.Status(500);
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Rephrased);
        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("fell back", StringComparison.Ordinal) && l.Contains("500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_ServerErrorThenSuccess_Rephrases()
    {
        _server.Enqueue(OpenAiReply.Status(503), OpenAiReply.Chat(GoodText));
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(GoodText, result.Rephrased);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task AnswerAsync_RateLimitedThenSuccess_RetriesAndRephrases()
    {
        _server.Enqueue(OpenAiReply.Status(429, retryAfter: "0"), OpenAiReply.Chat(GoodText));
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(RephraseOutcome.Rephrased, result.Outcome);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
    }

    [Fact]
    public async Task AnswerAsync_RetryAfterBeyondTheBudget_FallsBackWithoutWaiting()
    {
        _server.Enqueue(OpenAiReply.Status(429, retryAfter: "3600"), OpenAiReply.Chat(GoodText));
        await using var harness = CreateSut();

        var result = await WithinAsync(harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion), TimeSpan.FromSeconds(30));

        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task AnswerAsync_ServerHangs_AnswersWithinTheBudget()
    {
        _server.Fallback = OpenAiReply.Hang();
        await using var harness = CreateSut(new() { ["Llm:TimeoutMs"] = "1000", ["Llm:BudgetMs"] = "2500", ["Llm:MaxRetries"] = "1" });
        var clock = Stopwatch.StartNew();

        // Without the timeouts this would wait forever; the guard below only turns a hang into a failure.
        var result = await WithinAsync(harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion), TimeSpan.FromSeconds(30));

        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        // One attempt and at most one retry; on a starved machine an attempt can time out before the fake records it.
        Assert.InRange(_server.Requests.Count, 0, 2);
    }

    [Fact]
    public async Task ImproveAsync_CallerBudgetShorterThanTheServer_ReturnsThePlainAnswer()
    {
        _server.Fallback = OpenAiReply.Hang();
        await using var harness = CreateSut();
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var result = await WithinAsync(harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion, budget.Token), TimeSpan.FromSeconds(30));

        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Rephrased);
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"choices\":[{\"message\":")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("")]
    public async Task AnswerAsync_MalformedResponse_FallsBack(string body)
    {
        _server.Enqueue(OpenAiReply.Raw(body));
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Rephrased);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("fell back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_EmptyChoices_FallsBack()
    {
        _server.Enqueue(OpenAiReply.EmptyChoices());
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(RephraseOutcome.Unavailable, result.Outcome);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("fell back", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("content_filter")]
    [InlineData("length")]
    public async Task AnswerAsync_FilteredOrCutOffReply_FallsBack(string finishReason)
    {
        _server.Enqueue(OpenAiReply.Chat(GoodText, finishReason));
        await using var harness = CreateSut();

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Null(result.Rephrased);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("finish reason", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_CircuitOpen_SkipsTheLlmWithoutCallingIt()
    {
        _server.Fallback = OpenAiReply.Status(500);
        await using var harness = CreateSut(new() { ["Llm:MaxRetries"] = "0", ["Llm:BreakerMinimumThroughput"] = "2", ["Llm:BreakerBreakSeconds"] = "600" });
        await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);
        await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);
        var before = _server.Requests.Count;
        _server.Fallback = OpenAiReply.Chat(GoodText);

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal(2, before);
        Assert.Equal(before, _server.Requests.Count);
        Assert.Null(result.Rephrased);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("circuit is open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_AnyFailure_NeverLogsTheApiKey()
    {
        // A server that echoes the key back in its error body.
        _server.Fallback = OpenAiReply.Status(401, body: "{\"error\":{\"message\":\"bad key " + LlmHarness.ApiKey + "\"}}");
        await using var harness = CreateSut();

        await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.NotEmpty(harness.Logs.Lines);
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains(LlmHarness.ApiKey, StringComparison.Ordinal));
    }

    private LlmHarness CreateSut(Dictionary<string, string?>? settings = null) => LlmHarness.Create(_server.Endpoint, settings);

    private static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan limit)
    {
        var finished = await Task.WhenAny(task, Task.Delay(limit));
        Assert.True(finished == task, $"no answer within {limit}");
        return await task;
    }
}
