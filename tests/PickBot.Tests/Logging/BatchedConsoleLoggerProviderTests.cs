using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PickBot.Hosting;
using PickBot.Logging;

namespace PickBot.Tests.Logging;

public sealed class BatchedConsoleLoggerProviderTests
{
    [Fact]
    public async Task Build_Serve_ConsoleLoggerReplacedByTheBatchedOne()
    {
        await using var app = ServeCommand.Build(["--Storage:DataPath=" + Path.Combine(Path.GetTempPath(), "pickbot-log-" + Guid.NewGuid().ToString("N"))]);

        var providers = app.Services.GetServices<ILoggerProvider>().Select(p => p.GetType()).ToList();

        // Windows keeps the built-in console logger (its console wants its own code page, not UTF-8 bytes).
        var (used, replaced) = OperatingSystem.IsWindows()
            ? (typeof(ConsoleLoggerProvider), typeof(BatchedConsoleLoggerProvider))
            : (typeof(BatchedConsoleLoggerProvider), typeof(ConsoleLoggerProvider));
        Assert.Contains(used, providers);
        Assert.DoesNotContain(replaced, providers);
    }

    [Fact]
    public void Log_DefaultSettings_TheSimpleFormattersLines()
    {
        var (factory, stdout, _) = CreateSut();

        factory.CreateLogger("PickBot.Test").LogInformation("Answered {Command} in {Channel}", "/pick", "C123");
        factory.Dispose();

        Assert.Equal($"info: PickBot.Test[0]{Environment.NewLine}      Answered /pick in C123{Environment.NewLine}", stdout.Text);
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("json")]
    [InlineData("systemd")]
    public void Log_UrlWithTokenQuery_TokenMaskedInEveryFormat(string format)
    {
        var (factory, stdout, _) = CreateSut(("Logging:Console:FormatterName", format));

        factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").LogInformation("Request starting {Url}", "http://127.0.0.1:5000/?q=1&token=s3cret-playground-token&x=2");
        factory.CreateLogger("PickBot.Test").LogInformation("GET /?TOKEN=s3cret-playground-token");
        factory.Dispose();

        Assert.DoesNotContain("s3cret", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("token=***", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("x=2", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_JsonFormatterConfigured_OneJsonObjectPerLine()
    {
        var (factory, stdout, _) = CreateSut(("Logging:Console:FormatterName", "json"));

        factory.CreateLogger("PickBot.Test").LogWarning("Queue {Name} is full", "mentions");
        factory.CreateLogger("PickBot.Test").LogInformation("Second");
        factory.Dispose();

        var lines = stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("Warning", first.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("Queue mentions is full", first.RootElement.GetProperty("Message").GetString());
        Assert.Equal("mentions", first.RootElement.GetProperty("State").GetProperty("Name").GetString());
    }

    [Fact]
    public void Log_ScopesIncluded_ScopeWrittenWithTheLine()
    {
        var (factory, stdout, _) = CreateSut(("Logging:Console:FormatterOptions:IncludeScopes", "true"));
        var logger = factory.CreateLogger("PickBot.Test");

        using (logger.BeginScope("event {EventId}", "Ev123"))
        {
            logger.LogInformation("Handled");
        }

        factory.Dispose();
        Assert.Contains("=> event Ev123", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_ConsoleLevelFilter_AppliesThroughTheAlias()
    {
        var (factory, stdout, _) = CreateSut(("Logging:Console:LogLevel:Default", "Warning"));
        var logger = factory.CreateLogger("PickBot.Test");

        logger.LogInformation("hidden");
        logger.LogWarning("shown");
        factory.Dispose();

        Assert.DoesNotContain("hidden", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("shown", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_AtOrAboveTheStandardErrorThreshold_GoesToStandardError()
    {
        var (factory, stdout, stderr) = CreateSut(("Logging:Console:LogToStandardErrorThreshold", "Error"));
        var logger = factory.CreateLogger("PickBot.Test");

        logger.LogWarning("a warning");
        logger.LogError(new InvalidOperationException("boom"), "a failure");
        factory.Dispose();

        Assert.Contains("a warning", stdout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("a failure", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("a failure", stderr.Text, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: boom", stderr.Text, StringComparison.Ordinal);
    }

    private static (ILoggerFactory Factory, ConsoleBatchWriterTests.RecordingStream Stdout, ConsoleBatchWriterTests.RecordingStream Stderr) CreateSut(params (string Key, string Value)[] settings)
    {
        var stdout = new ConsoleBatchWriterTests.RecordingStream();
        var stderr = new ConsoleBatchWriterTests.RecordingStream();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddBatchedConsole();
        });

        // The provider as registered, but writing to recording streams instead of the process's console.
        services.RemoveAll<ILoggerProvider>();
        services.AddSingleton<ILoggerProvider>(sp => new BatchedConsoleLoggerProvider(
            sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), sp.GetServices<ConsoleFormatter>(), stdout, stderr));
        var provider = services.BuildServiceProvider();
        return (new DisposingFactory(provider), stdout, stderr);
    }

    /// <summary>Disposing the factory disposes the container, and with it the provider, which writes what is queued.</summary>
    private sealed class DisposingFactory(ServiceProvider services) : ILoggerFactory
    {
        private readonly ILoggerFactory _inner = services.GetRequiredService<ILoggerFactory>();

        public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

        public ILogger CreateLogger(string categoryName) => _inner.CreateLogger(categoryName);

        public void Dispose() => services.Dispose();
    }
}
