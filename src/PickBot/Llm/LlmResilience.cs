using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PickBot.Llm;

/// <summary>
/// The Polly pipeline around every HTTP call to the LLM, shared by all calls so the circuit breaker sees them all:
/// a whole-call budget, retries on 429 (honouring Retry-After only when it fits the budget), 5xx and network errors,
/// a circuit breaker, and a per-attempt timeout.
/// </summary>
internal sealed class LlmResilience
{
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("pickbot.llm.deadline");

    private readonly TimeProvider _time;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly TimeSpan _budget;

    public LlmResilience(IOptions<LlmOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _budget = TimeSpan.FromMilliseconds(o.BudgetMs);
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(_budget)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(o.MaxRetries, 1),
                Delay = TimeSpan.FromMilliseconds(o.RetryDelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(o.MaxRetries > 0 && IsTransient(args.Outcome) && FitsBudget(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = o.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(o.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(o.BreakerBreakSeconds),
                StateProvider = _circuit,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(o.TimeoutMs))
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>Open (or isolated): callers skip the LLM without sending anything or waiting.</summary>
    public bool IsOpen => _circuit.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public async Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Deadline, _time.GetUtcNow() + _budget);
        try
        {
            return await Pipeline.ExecuteAsync(static async (ctx, state) => await state(ctx.CancellationToken), context, send);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>A Retry-After that ends past the budget is not waited for: the caller falls back now instead.</summary>
    private bool FitsBudget(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var wait = RetryAfter(outcome.Result);
        return wait is null || !context.Properties.TryGetValue(Deadline, out var deadline) || _time.GetUtcNow() + wait.Value < deadline;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
