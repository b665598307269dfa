using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace PickBot.Logging;

public static class LoggingBuilderExtensions
{
    /// <summary>
    /// Replaces the console logger with <see cref="BatchedConsoleLoggerProvider"/>: the same lines and settings, a
    /// fraction of the CPU under load. Not on Windows, whose console wants its own code page rather than UTF-8 bytes.
    /// </summary>
    public static ILoggingBuilder AddBatchedConsole(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (OperatingSystem.IsWindows())
        {
            return logging.AddConsole();
        }

        // AddConsole registers the formatters and binds Logging:Console; only its provider is swapped out.
        logging.AddConsole();
        var services = logging.Services;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(ILoggerProvider) && services[i].ImplementationType == typeof(ConsoleLoggerProvider))
            {
                services.RemoveAt(i);
            }
        }

        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BatchedConsoleLoggerProvider>());
        return logging;
    }
}
