using System.Text.Json;
using PickBot.Tests.Support;

namespace PickBot.Tests.Cli;

/// <summary>The command line as a contract: verbs, output shapes and exit codes, through the real executable.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task Ask_QuestionWithContext_PrintsThePickAndWhy()
    {
        var result = await PickBotProcess.RunAsync("ask", "mtl vs stl for a spam filter");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Pick: Single Task Learning", result.Output, StringComparison.Ordinal);
        Assert.Contains("Decided by: \"spam filter\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("Choose Multi-Task Learning instead if:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_Question_PrintsOneObjectWithTheContractFields()
    {
        var result = await PickBotProcess.RunAsync("ask", "--json", "stl or mtl? we have little labelled data");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("matched").GetBoolean());
        Assert.Equal("multi-task-vs-single-task-learning", root.GetProperty("entry").GetString());
        Assert.Equal("Multi-Task Learning", root.GetProperty("pick").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("justification").GetString()));
        Assert.Equal("little labelled data", root.GetProperty("decidedBy")[0].GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("suggestions").ValueKind);
    }

    [Fact]
    public async Task AskJson_StandardInput_AnswersEachLineInOrder()
    {
        var result = await PickBotProcess.RunInAsync(Repository.Root, "mtl vs stl\nwhat time is lunch\nstl vs mtl for a spam filter\n", null, "ask", "--json");

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var answers = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("Multi-Task Learning", answers[0].GetProperty("pick").GetString());
        Assert.False(answers[1].GetProperty("matched").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answers[1].GetProperty("entry").ValueKind);
        Assert.Equal("Single Task Learning", answers[2].GetProperty("pick").GetString());
    }

    [Fact]
    public async Task Validate_RealKnowledge_ExitsZero()
    {
        var result = await PickBotProcess.RunAsync("validate");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("0 errors", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenFile_PrintsPathLineColumnAndExitsOne()
    {
        var dir = Directory.CreateTempSubdirectory("pickbot-cli-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "broken.yaml"), "options:\n  - id: x\n    name: [oops\n");

            var result = await PickBotProcess.RunInAsync(dir.FullName, null, null, "validate", ".");

            Assert.Equal(1, result.ExitCode);
            Assert.Matches(@"^broken\.yaml:\d+:\d+: YAML syntax: ", result.Output);
            Assert.Equal("0 comparisons and 0 options without errors; 1 error, 0 warnings", result.Error.Trim());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Ask_KnowledgePathFromEnvironment_IsUsedAndBrokenFilesAreReported()
    {
        var dir = Directory.CreateTempSubdirectory("pickbot-cli-");
        try
        {
            File.Copy(Path.Combine(Repository.Knowledge, "ml", "multi-task-vs-single-task-learning.yaml"), Path.Combine(dir.FullName, "seed.yaml"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "broken.yaml"), "comparisons: [ {id: x");
            var env = new Dictionary<string, string> { ["Knowledge__Path"] = dir.FullName };

            var result = await PickBotProcess.RunInAsync(Repository.Root, null, env, "ask", "mtl vs stl for a spam filter");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Pick: Single Task Learning", result.Output, StringComparison.Ordinal);
            Assert.Contains("broken.yaml:", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Ask_MissingKnowledgeFolder_NamesThePathAndExitsOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), "pickbot-nothing-here");
        var env = new Dictionary<string, string> { ["Knowledge__Path"] = missing };

        var result = await PickBotProcess.RunInAsync(Repository.Root, null, env, "ask", "mtl vs stl");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListJson_PrintsAnArrayOfComparisonsWithOptions()
    {
        var result = await PickBotProcess.RunAsync("list", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var seed = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "multi-task-vs-single-task-learning");
        Assert.Equal(["multi-task-learning", "single-task-learning"], seed.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task List_Area_ShowsOnlyThatArea()
    {
        var result = await PickBotProcess.RunAsync("list", "ml");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("ml (", result.Output, StringComparison.Ordinal);
        Assert.Contains("Multi-Task Learning vs Single Task Learning", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_ShippedSet_PassesItsThreshold()
    {
        var result = await PickBotProcess.RunAsync("eval");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("Accuracy: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_BelowThreshold_ExitsOneAndListsTheMiss()
    {
        var dir = Directory.CreateTempSubdirectory("pickbot-eval-");
        try
        {
            var file = Path.Combine(dir.FullName, "e.yaml");
            await File.WriteAllTextAsync(file, "cases:\n  - question: mtl vs stl\n    entry: multi-task-vs-single-task-learning\n    pick: single-task-learning\n");

            var result = await PickBotProcess.RunAsync("eval", "--threshold", "50", file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("MISS", result.Output, StringComparison.Ordinal);
            Assert.Contains("got: multi-task-vs-single-task-learning / multi-task-learning", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ask", "--colour")]
    [InlineData("validate", "a", "b")]
    [InlineData("eval", "--threshold", "abc")]
    public async Task UnknownVerbOrFlag_PrintsUsageAndExitsTwo(params string[] args)
    {
        var result = await PickBotProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage: pickbot", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--urls", "http://127.0.0.1:0", "--help")]
    public async Task Help_PrintsUsageAndExitsZeroWithoutServing(params string[] args)
    {
        // Were the host started, the process would serve until the harness's one-minute timeout.
        var result = await PickBotProcess.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: pickbot [VERB]", result.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", result.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    [Theory]
    [InlineData("serve", "serve", "--help")]
    [InlineData("ask", "ask", "--help")]
    [InlineData("ask", "ask", "-h")]
    [InlineData("validate", "help", "validate")]
    [InlineData("list", "list", "--help")]
    [InlineData("eval", "eval", "-h")]
    [InlineData("report", "report", "--help")]
    public async Task VerbHelp_PrintsThatVerbsUsageAndExitsZero(string verb, params string[] args)
    {
        var result = await PickBotProcess.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: pickbot ", result.Output, StringComparison.Ordinal);
        Assert.Contains(verb, result.Output.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersionAndExitsZero()
    {
        var result = await PickBotProcess.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^pickbot \d+\.\d+\.\d+", result.Output);
    }

    [Fact]
    public async Task Ask_List_ShowsTheCatalogueInsteadOfHelp()
    {
        var result = await PickBotProcess.RunAsync("ask", "list", "ml");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("ml (", result.Output, StringComparison.Ordinal);
        Assert.Contains("Multi-Task Learning vs Single Task Learning    id: multi-task-vs-single-task-learning", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_List_IsKindListWithEntries()
    {
        var result = await PickBotProcess.RunInAsync(Repository.Root, "list\nlist messaging\n", null, "ask", "--json");

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("list", l.GetProperty("kind").GetString()));
        var all = lines[0].GetProperty("entries").EnumerateArray().ToList();
        var messaging = lines[1].GetProperty("entries").EnumerateArray().ToList();
        Assert.True(all.Count > messaging.Count);
        Assert.NotEmpty(messaging);
        var kafka = messaging.Single(e => e.GetProperty("id").GetString() == "kafka-vs-rabbitmq");
        Assert.False(string.IsNullOrEmpty(kafka.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Ask_ThreeOptionsOfWhichOneIsNotCompared_SaysWhatWasLeftOut()
    {
        var result = await PickBotProcess.RunAsync("ask", "redis vs memcache vs kafka");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Left out: Apache Kafka is not part of Redis vs Memcached", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotnetRun_FromTheRepositoryRoot_RunsThere()
    {
        // The README's quick start is `dotnet run --project src/PickBot` from the root; the Web SDK would otherwise run
        // in src/PickBot and find neither appsettings.json nor knowledge/.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", "msbuild src/PickBot/PickBot.csproj -getProperty:RunWorkingDirectory")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(Path.TrimEndingDirectorySeparator(Repository.Root), Path.TrimEndingDirectorySeparator(output.Trim()));
    }
}
