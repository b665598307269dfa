using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace PickBot.Logging;

/// <summary>
/// The console log of <c>serve</c>: the same lines as the built-in console logger, through the same formatters
/// (<c>Logging:Console:FormatterName</c> simple, json or systemd, with their options), written in batches by a
/// <see cref="ConsoleBatchWriter"/>. The alias keeps <c>Logging:Console:LogLevel</c> filters working.
/// </summary>
[ProviderAlias("Console")]
internal sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly IOptionsMonitor<ConsoleLoggerOptions> _options;
    private readonly Dictionary<string, ConsoleFormatter> _formatters;
    private readonly ConcurrentDictionary<string, BatchedConsoleLogger> _loggers = new(StringComparer.Ordinal);
    private readonly IDisposable? _optionsChange;

    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
        : this(options, formatters, Console.OpenStandardOutput(), Console.OpenStandardError())
    {
    }

    internal BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters, Stream stdout, Stream stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(formatters);
        _options = options;
        _formatters = formatters.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        var current = options.CurrentValue;
        Writer = new ConsoleBatchWriter(stdout, stderr, current.MaxQueueLength, current.QueueFullMode);
        Apply(current);
        _optionsChange = options.OnChange(Apply);
        AppDomain.CurrentDomain.UnhandledException += FlushOnCrash;
    }

    internal ConsoleBatchWriter Writer { get; }

    internal ConsoleFormatter Formatter { get; private set; } = null!;

    internal LogLevel ErrorThreshold { get; private set; }

    internal IExternalScopeProvider? Scopes { get; private set; }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, provider) => new BatchedConsoleLogger(name, provider), this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

    public void Dispose()
    {
        AppDomain.CurrentDomain.UnhandledException -= FlushOnCrash;
        _optionsChange?.Dispose();
        Writer.Dispose();
    }

    private void Apply(ConsoleLoggerOptions options)
    {
        // An unknown formatter name falls back to the simple one, as the built-in console logger does.
        Formatter = options.FormatterName is { } name && _formatters.TryGetValue(name, out var named)
            ? named
            : _formatters.GetValueOrDefault(ConsoleFormatterNames.Simple) ?? _formatters.Values.First();
        ErrorThreshold = options.LogToStandardErrorThreshold;
    }

    // The runtime is about to print the exception and end the process: the last lines before it matter most.
    private void FlushOnCrash(object? sender, UnhandledExceptionEventArgs e) => Writer.Flush();

    private sealed class BatchedConsoleLogger(string category, BatchedConsoleLoggerProvider provider) : ILogger
    {
        [ThreadStatic]
        private static StringWriter? t_line;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.Scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            ArgumentNullException.ThrowIfNull(formatter);
            var line = t_line ??= new StringWriter(CultureInfo.InvariantCulture);
            var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter);
            provider.Formatter.Write(in entry, provider.Scopes, line);
            var text = line.GetStringBuilder();
            if (text.Length == 0)
            {
                return;
            }

            QueryTokenMask.Apply(text);

            provider.Writer.Enqueue(text, logLevel >= provider.ErrorThreshold);
            text.Clear();
            if (text.Capacity > 1024)
            {
                // One huge exception must not pin a large buffer on this thread for ever.
                text.Capacity = 1024;
            }
        }
    }
}
