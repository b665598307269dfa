using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Core;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;
using PickBot.Llm;

namespace PickBot.Tests.Support;

/// <summary>The LLM step composed as the host composes it, pointed at a fake server, with its logs collected.</summary>
internal sealed class LlmHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-do-not-log-4711";

    private readonly ServiceProvider _services;

    private LlmHarness(ServiceProvider services, CollectingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public CollectingLoggerProvider Logs { get; }

    public ConversationalAnswerer Answerer => _services.GetRequiredService<ConversationalAnswerer>();

    public IServiceProvider Services => _services;

    public static LlmHarness Create(string endpoint, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Llm:Enabled"] = "true",
            ["Llm:Endpoint"] = endpoint,
            ["Llm:Model"] = "fake-model",
            ["Llm:ApiKey"] = ApiKey,
            ["Llm:TimeoutMs"] = "3000",
            ["Llm:BudgetMs"] = "6000",
            ["Llm:RetryDelayMs"] = "10",
            ["Llm:MaxRetries"] = "2",
            ["Llm:BreakerMinimumThroughput"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new CollectingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(new KnowledgeStore(LlmKnowledge.Load()));
        configure?.Invoke(services);
        services.AddPickBotCore();
        services.AddPickBotLlm();
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<LlmOptions>>().Value;
        return new LlmHarness(provider, logs);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
