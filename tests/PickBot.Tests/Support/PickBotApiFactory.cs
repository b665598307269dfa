using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace PickBot.Tests.Support;

/// <summary>
/// The real host (Program → serve) with in-memory configuration: the repository's knowledge folder, a temp data folder,
/// a signing secret and a bot token, and the Web API pointed at a fake Slack on loopback. Log lines are collected.
/// </summary>
public sealed class PickBotApiFactory(IDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string SigningSecret = "test-signing-secret";
    public const string BotToken = "xoxb-test-bot-token";
    public const string BotUserId = "UPICKBOT";

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Settings for a fully configured bot; <paramref name="apiBaseUrl"/> is the fake Slack's.</summary>
    public static Dictionary<string, string?> Settings(string apiBaseUrl, string dataPath) => new()
    {
        ["Knowledge:Path"] = Repository.Knowledge,
        ["Storage:DataPath"] = dataPath,
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:BotToken"] = BotToken,
        ["Slack:BotUserId"] = BotUserId,
        ["Slack:ApiBaseUrl"] = apiBaseUrl,
        ["Slack:RetryBaseDelay"] = "00:00:00.010",
        ["Slack:AttemptTimeout"] = "00:00:05",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(Logs)));
    }

    public string LogText => string.Join('\n', Logs);

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CollectingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
