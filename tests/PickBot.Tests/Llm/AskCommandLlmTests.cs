using System.Diagnostics;
using System.Text.Json;
using PickBot.Cli;
using PickBot.Tests.Support;

namespace PickBot.Tests.Llm;

/// <summary>
/// <c>pickbot ask</c> as a process, configured only through the environment, against the fake LLM server: the same
/// way a person runs it with <c>Llm__Enabled=true</c>.
/// </summary>
public sealed class AskCommandLlmTests : IAsyncLifetime
{
    private const string Rephrased = "For a spam filter, Single Task Learning is the better fit: it does one well-defined job and does it well.";

    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AskJson_LlmEnabled_FillsRephrasedNextToTheDeterministicFields()
    {
        _server.Enqueue(OpenAiReply.Chat(Rephrased));

        var (code, output, _) = await RunAsync(Enabled(), "ask", "--json", LlmKnowledge.SpamQuestion);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(Rephrased, json.RootElement.GetProperty("rephrased").GetString());
        Assert.Equal("single-task-learning", json.RootElement.GetProperty("pickId").GetString());
        Assert.False(json.RootElement.GetProperty("inferred").GetBoolean());
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task AskJson_LlmFlipsThePick_RephrasedIsNull()
    {
        _server.Enqueue(OpenAiReply.Chat("Pick Multi-Task Learning for spam."));

        var (code, output, error) = await RunAsync(Enabled(), "ask", "--json", LlmKnowledge.SpamQuestion);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("rephrased").ValueKind);
        Assert.Equal("single-task-learning", json.RootElement.GetProperty("pickId").GetString());
        Assert.Contains("rejected", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskText_LlmEnabled_PrintsTheRephrasedTextWithItsMarker()
    {
        _server.Enqueue(OpenAiReply.Chat(Rephrased));

        var (code, output, _) = await RunAsync(Enabled(), "ask", LlmKnowledge.SpamQuestion);

        Assert.Equal(0, code);
        Assert.StartsWith("Pick: Single Task Learning", output, StringComparison.Ordinal);
        Assert.Contains(Rephrased, output, StringComparison.Ordinal);
        Assert.Contains(AskCommand.RephrasedMarker, output, StringComparison.Ordinal);
        Assert.Contains("Sources:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EnabledWithoutEndpoint_ExitsOneNamingTheSetting()
    {
        var (code, _, error) = await RunAsync(new() { ["Llm__Enabled"] = "true", ["Llm__Model"] = "m" }, "ask", "--json", LlmKnowledge.SpamQuestion);

        Assert.Equal(1, code);
        Assert.Contains("Llm:Endpoint is required", error, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Enabled() => new()
    {
        ["Llm__Enabled"] = "true",
        ["Llm__Endpoint"] = _server.Endpoint,
        ["Llm__Model"] = "fake-model",
        ["Llm__ApiKey"] = LlmHarness.ApiKey,
    };

    private static async Task<(int Code, string Output, string Error)> RunAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = LlmKnowledge.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PickBot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Llm__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
