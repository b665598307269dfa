using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PickBot.Core.Knowledge;
using PickBot.LiveKnowledge;
using PickBot.Tests.Support;

namespace PickBot.Tests.LiveKnowledge;

/// <summary>The real host, a real folder and a real file watcher: an admin's edit reaches the answers without a restart.</summary>
public sealed class KnowledgeWatcherTests : IDisposable
{
    private static readonly string[] FastWatch = ["--Knowledge:Watch:DebounceMilliseconds=100"];

    private readonly KnowledgeFolder _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Theory]
    [InlineData("/k/ml/a.yaml", true)]
    [InlineData("/k/ml/a.YML", true)]
    [InlineData("/k/ml", true)]
    [InlineData("/k/ml/.a.yaml.swp", false)]
    [InlineData("/k/ml/a.yaml~", false)]
    [InlineData("/k/README.md", false)]
    [InlineData(null, false)]
    public void IsRelevant_Path_OnlyKnowledgeFilesAndFolders(string? path, bool expected) =>
        Assert.Equal(expected, KnowledgeWatcher.IsRelevant(path));

    [Fact]
    public async Task StartAsync_Returned_FolderAlreadyWatched()
    {
        // Since .NET 10 ExecuteAsync runs in the background: an edit made the moment the host has started must not
        // land before the watcher exists.
        var kb = new KnowledgeLoader().Load(new DirectoryKnowledgeSource(_knowledge.Path));
        using var reloader = new KnowledgeReloader(
            new KnowledgeStore(kb),
            new KnowledgeLoader(),
            new DirectoryKnowledgeSource(_knowledge.Path),
            new LoggingAdminNotifier(NullLogger<LoggingAdminNotifier>.Instance),
            TimeProvider.System,
            NullLogger<KnowledgeReloader>.Instance);
        using var watcher = new KnowledgeWatcher(
            reloader,
            Options.Create(new KnowledgeOptions { Path = _knowledge.Path }),
            Options.Create(new KnowledgeWatchOptions()),
            TimeProvider.System,
            NullLogger<KnowledgeWatcher>.Instance);

        await watcher.StartAsync(CancellationToken.None);

        Assert.True(watcher.IsWatching);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Watcher_ValidEdit_IsAnsweredWithoutRestart()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, FastWatch);
        var original = await File.ReadAllTextAsync(_knowledge.SeedPath);

        await File.WriteAllTextAsync(_knowledge.SeedPath, original.Replace(
            "A single, well-defined task is best served by a focused model",
            "One clear task deserves one focused model",
            StringComparison.Ordinal));

        var answer = await Eventually.GetAsync(
            () => AskAsync(host, "mtl vs stl for a spam filter"),
            a => a.GetProperty("justification").GetString()!.StartsWith("One clear task", StringComparison.Ordinal),
            "the edited justification");
        Assert.Equal("Single Task Learning", answer.GetProperty("pick").GetString());
    }

    [Fact]
    public async Task Watcher_BrokenEdit_KeepsServingLastGoodSetAndShowsTheProblem()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, FastWatch);
        var good = await StatusAsync(host);
        var original = await File.ReadAllTextAsync(_knowledge.SeedPath);

        await File.WriteAllTextAsync(_knowledge.SeedPath, original.Replace("pick: single-task-learning", "pick: single-task-lerning", StringComparison.Ordinal));

        var status = await Eventually.GetAsync(() => StatusAsync(host), s => s.GetProperty("rejectedProblems").GetArrayLength() > 0, "the rejected edit");
        Assert.Equal(good.GetProperty("version").GetString(), status.GetProperty("version").GetString());
        Assert.Contains(
            status.GetProperty("rejectedProblems").EnumerateArray().Select(p => p.GetString()!),
            p => System.Text.RegularExpressions.Regex.IsMatch(p, @"seed\.yaml:\d+:\d+: .*single-task-lerning"));
        var answer = await AskAsync(host, "mtl vs stl for a spam filter");
        Assert.Equal("Single Task Learning", answer.GetProperty("pick").GetString());

        await File.WriteAllTextAsync(_knowledge.SeedPath, original);

        var fixedStatus = await Eventually.GetAsync(() => StatusAsync(host), s => s.GetProperty("rejectedProblems").GetArrayLength() == 0, "the fix to be served");
        Assert.Equal(0, fixedStatus.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Watcher_NewFileInNewFolder_IsServed()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, FastWatch);
        var original = await File.ReadAllTextAsync(_knowledge.SeedPath);

        // The same entry moved to a new area folder: the old file goes, the new one appears.
        _knowledge.Write("ai/moved.yaml", original.Replace("title: Multi-Task Learning vs Single Task Learning", "title: MTL or STL", StringComparison.Ordinal));
        File.Delete(_knowledge.SeedPath);

        var answer = await Eventually.GetAsync(
            () => AskAsync(host, "mtl vs stl"),
            a => a.GetProperty("title").GetString() == "MTL or STL",
            "the entry from the new folder");
        Assert.True(answer.GetProperty("matched").GetBoolean());
    }

    [Fact]
    public async Task Watcher_EditInOneWorkspaceFolder_ReloadsThatWorkspaceOnly()
    {
        var workspaces = Directory.CreateTempSubdirectory("pickbot-watch-workspaces-").FullName;
        try
        {
            var seed = await File.ReadAllTextAsync(_knowledge.SeedPath);
            foreach (var team in new[] { "TONE", "TTWO" })
            {
                Directory.CreateDirectory(Path.Combine(workspaces, team));
                await File.WriteAllTextAsync(Path.Combine(workspaces, team, "mtl.yaml"), seed.Replace("title: Multi-Task Learning vs Single Task Learning", "title: " + team, StringComparison.Ordinal));
            }

            await using var host = await RunningHost.StartAsync(_knowledge.Path, [.. FastWatch, $"--Knowledge:WorkspacesPath={workspaces}"]);
            var sets = host.App.Services.GetRequiredService<WorkspaceKnowledge>();
            await sets.StoreFor("TONE")!.Initialized;
            await sets.StoreFor("TTWO")!.Initialized;

            await File.WriteAllTextAsync(Path.Combine(workspaces, "TONE", "mtl.yaml"), seed.Replace("title: Multi-Task Learning vs Single Task Learning", "title: TONE edited", StringComparison.Ordinal));

            await Eventually.GetAsync(
                () => Task.FromResult(sets.CurrentFor("TONE")!.FindComparison("multi-task-vs-single-task-learning")!.Title),
                t => t == "TONE edited",
                "TONE's edit");
            Assert.Null(sets.LastReloadOf("TTWO"));
            Assert.Equal("TTWO", sets.CurrentFor("TTWO")!.FindComparison("multi-task-vs-single-task-learning")!.Title);
        }
        finally
        {
            TempFolder.Delete(workspaces);
        }
    }

    private static async Task<JsonElement> AskAsync(RunningHost host, string question)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/ask", new { question });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> StatusAsync(RunningHost host) =>
        (await host.Client.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("knowledge");
}
