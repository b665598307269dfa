using System.Net;
using System.Net.Sockets;
using PickBot.Tests.Support;

namespace PickBot.Tests.Cli;

/// <summary>
/// What a person sees when <c>serve</c> cannot start: one line per problem naming the setting and what it accepts,
/// exit code 1, and no stack trace. Through the real executable, as in a terminal.
/// </summary>
public sealed class StartupProblemTests
{
    [Theory]
    [InlineData("Slack__CommandResponseType", "bogus", "Slack:CommandResponseType must be 'in_channel' or 'ephemeral'")]
    [InlineData("Playground__AdminToken", "short", "Playground:AdminToken must be at least 16 characters")]
    [InlineData("Slack__MentionWorkers", "0", "Slack:MentionWorkers must be between 1 and 64")]
    [InlineData("Slack__MentionWorkers", "many", "Slack:MentionWorkers must be a whole number")]
    [InlineData("Slack__Mode", "Sockets", "Slack:Mode must be one of Http, Socket, Both")]
    public async Task Serve_BadSetting_PrintsOneLineNamingItAndExitsOne(string variable, string value, string expected)
    {
        var result = await PickBotProcess.RunInAsync(Repository.Root, null, new Dictionary<string, string> { [variable] = value }, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(ErrorLines(result));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains($"environment variable {variable}", line, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Serve_TwoBadSettings_NamesBoth()
    {
        var settings = new Dictionary<string, string> { ["Playground__AdminToken"] = "short", ["Llm__Enabled"] = "true" };

        var result = await PickBotProcess.RunInAsync(Repository.Root, null, settings, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        var lines = ErrorLines(result);
        Assert.Contains(lines, l => l.Contains("Playground:AdminToken", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Llm:Endpoint is required", StringComparison.Ordinal));
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Serve_PortInUse_SaysSoAndExitsOne()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await PickBotProcess.RunInAsync(Repository.Root, null, null, "--urls", url);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(ErrorLines(result));
        Assert.StartsWith($"pickbot: cannot listen on {url}: another process is using it", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    private static List<string> ErrorLines(PickBotProcess.Result result) =>
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static void AssertNoStackTrace(PickBotProcess.Result result)
    {
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
    }
}
