using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PickBot.Slack.Tests.Support;

/// <summary>Collects every log line of every category, for tests that check who logged what and how loudly.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();

    /// <summary>Every exception passed to a log call at a real level: a stack trace in the log.</summary>
    public ConcurrentQueue<(string Category, LogLevel Level, Exception Exception)> Exceptions { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ListLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            provider.Lines.Enqueue((category, logLevel, formatter(state, exception)));
            if (exception is not null && logLevel != LogLevel.None)
            {
                provider.Exceptions.Enqueue((category, logLevel, exception));
            }
        }
    }
}
