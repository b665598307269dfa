using System.Diagnostics;

namespace PickBot.Tests.Support;

/// <summary>Runs the real executable (the PickBot.dll next to the tests) as a separate process, as a person would.</summary>
internal static class PickBotProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunInAsync(string workingDirectory, string? input, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PickBot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The tests' own environment must not leak configuration into the process under test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Knowledge__", StringComparison.Ordinal) || k.StartsWith("Llm__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    public static Task<Result> RunAsync(params string[] args) => RunInAsync(Repository.Root, null, null, args);
}
