using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace PickBot.Hosting;

/// <summary>
/// What stops <c>serve</c> before it serves (a bad setting, a port already taken), as one line per problem in an
/// operator's words: the setting, as it is written in appsettings.json and in the environment, and what it accepts.
/// Anything else is a bug and keeps its stack trace.
/// </summary>
internal static partial class StartupProblems
{
    /// <summary>The lines to print, or null when <paramref name="exception"/> is not a start-up problem.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var lines = new List<string>();
        foreach (var e in Flatten(exception))
        {
            switch (e)
            {
                case OptionsValidationException options:
                    lines.AddRange(options.Failures.Select(f => Setting(options.OptionsType, f)));
                    break;
                case IOException { InnerException: AddressInUseException } bind:
                    lines.Add(AddressInUse(bind.Message));
                    break;
                case InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } match:
                    lines.Add(NotConvertible(match.Groups["key"].Value, match.Groups["type"].Value));
                    break;
                default:
                    return null;
            }
        }

        return lines.Count == 0 ? null : lines;
    }

    private static Exception[] Flatten(Exception exception) => exception is AggregateException aggregate
        ? [.. aggregate.Flatten().InnerExceptions]
        : [exception];

    private static string Setting(Type optionsType, string failure)
    {
        var section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
            ?? optionsType.Name.Replace("Options", string.Empty, StringComparison.Ordinal);
        var annotation = DataAnnotationFailure().Match(failure);
        if (!annotation.Success)
        {
            return $"pickbot: bad setting: {failure}";
        }

        var member = annotation.Groups["member"].Value;
        var error = annotation.Groups["error"].Value.TrimEnd('.');
        var key = $"{section}:{member}";
        // Messages written for PickBot name their setting already; the framework's default ones name the property.
        if (!error.Contains(key, StringComparison.Ordinal))
        {
            error = $"{key} {DefaultWording().Replace(error, string.Empty)}";
        }

        return $"pickbot: bad setting: {error} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
    }

    private static string AddressInUse(string message)
    {
        var address = BindAddress().Match(message) is { Success: true } m ? m.Groups["address"].Value : "the configured address";
        return $"pickbot: cannot listen on {address}: another process is using it. Stop that process, or choose another address with --urls (for example --urls http://127.0.0.1:5001).";
    }

    private static string NotConvertible(string key, string typeName)
    {
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        var accepts = type switch
        {
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(double) => "a number such as 0.5",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(TimeSpan) => "a duration such as 00:00:10",
            _ => $"a value of type {typeName}",
        };
        return $"pickbot: bad setting: {key} must be {accepts} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
    }

    // "DataAnnotation validation failed for 'SlackOptions' members: 'MentionWorkers' with the error: '...'."
    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^']+)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    // "The field MentionWorkers must be between 1 and 64." / "The MentionWorkers field is required."
    [GeneratedRegex(@"^The (field \S+ |\S+ field )")]
    private static partial Regex DefaultWording();

    // "Failed to convert configuration value 'abc' at 'Slack:MentionWorkers' to type 'System.Int32'."
    [GeneratedRegex(@"^Failed to convert configuration value .* at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"address (?<address>\S+?):? address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindAddress();
}
