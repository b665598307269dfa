using PickBot.Tests.Support;

namespace PickBot.Tests.Llm;

/// <summary>
/// Opt-in: runs only when PICKBOT_LIVE_LLM_ENDPOINT and PICKBOT_LIVE_LLM_MODEL name a real OpenAI-compatible server
/// (an API key, if needed, in PICKBOT_LIVE_LLM_KEY). Never part of a normal run.
/// </summary>
public sealed class LiveLlmSmokeTests
{
    [LiveFact]
    [Trait("Category", "Live")]
    public async Task AnswerAsync_RealModel_KeepsThePick()
    {
        await using var harness = LlmHarness.Create(Environment.GetEnvironmentVariable("PICKBOT_LIVE_LLM_ENDPOINT")!, new Dictionary<string, string?>
        {
            ["Llm:Model"] = Environment.GetEnvironmentVariable("PICKBOT_LIVE_LLM_MODEL"),
            ["Llm:ApiKey"] = Environment.GetEnvironmentVariable("PICKBOT_LIVE_LLM_KEY"),
            ["Llm:TimeoutMs"] = "60000",
            ["Llm:BudgetMs"] = "120000",
        });

        var result = await harness.Answerer.AnswerAsync(LlmKnowledge.SpamQuestion);

        Assert.Equal("single-task-learning", result.Answer.Pick!.Id);
        Assert.NotEqual(Core.Rephrasing.RephraseOutcome.Unavailable, result.Outcome);
    }

    private sealed class LiveFactAttribute : FactAttribute
    {
        public LiveFactAttribute()
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PICKBOT_LIVE_LLM_ENDPOINT"))
                || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PICKBOT_LIVE_LLM_MODEL")))
            {
                Skip = "set PICKBOT_LIVE_LLM_ENDPOINT and PICKBOT_LIVE_LLM_MODEL to run against a real LLM";
            }
        }
    }
}
