using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PickBot.Semantic;
using PickBot.Tests.Support;

namespace PickBot.Tests.Semantic;

/// <summary>
/// The host with meaning on: it answers by words from its first second, switches meaning on when the model is ready,
/// says which mode is on in /healthz and /api/status, and never crashes when the model cannot be had.
/// </summary>
public sealed class HostMeaningTests : IDisposable
{
    // A paraphrase of the seed entry's "little labelled data" rule that shares none of its words.
    private const string Paraphrase = "mtl vs stl, only a handful of our examples have been annotated by hand";

    private readonly KnowledgeFolder _knowledge = new();
    private readonly string _cache = Directory.CreateTempSubdirectory("pickbot-vectors-").FullName;

    public void Dispose()
    {
        _knowledge.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task Start_LocalModel_AnswersByWordsThenByMeaningAndSaysWhichInHealth()
    {
        await using var host = await StartAsync(["--Semantic:Mode=Local"], services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedModel.Value));

        var health = await Eventually.GetAsync(() => Json(host, "/healthz"), h => h.GetProperty("answering").GetString() == "meaning", "meaning on");
        var status = await Json(host, "/api/status");
        var answer = await AskAsync(host, Paraphrase);

        Assert.Equal("on", health.GetProperty("meaning").GetProperty("state").GetString());
        Assert.Equal("all-MiniLM-L6-v2", health.GetProperty("meaning").GetProperty("model").GetString());
        Assert.Equal("meaning", status.GetProperty("answering").GetString());
        Assert.Equal("multi-task-learning", answer.GetProperty("pickId").GetString());
        var understood = answer.GetProperty("understood").EnumerateArray().Single();
        Assert.Equal("meaning", understood.GetProperty("method").GetString());
        Assert.Equal("scarce-labels", answer.GetProperty("rule").GetString());
        Assert.Contains("annotated by hand", understood.GetProperty("words").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DamagedVectorCache_EmbedsAgainLogsOneLineAndAnswersByMeaning()
    {
        // What an older format, a disk error or a stray write leaves: not a vector file PickBot wrote.
        await File.WriteAllBytesAsync(Path.Combine(_cache, "all-MiniLM-L6-v2-384.vectors"), [.. Enumerable.Range(0, 5_000).Select(i => (byte)(i * 37))]);
        var logs = new CollectingLoggerProvider();
        await using var host = await RunningHost.StartAsync(
            _knowledge.Path,
            [$"--Semantic:CacheDirectory={_cache}", "--Semantic:RuleThreshold=0.35", "--Semantic:Mode=Local", "--Logging:LogLevel:Default=Information"],
            configure: b =>
            {
                b.Logging.AddProvider(logs);
                b.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedModel.Value);
            });

        await Eventually.GetAsync(() => Json(host, "/healthz"), h => h.GetProperty("answering").GetString() == "meaning", "meaning on");
        var answer = await AskAsync(host, Paraphrase);

        Assert.Equal("scarce-labels", answer.GetProperty("rule").GetString());
        Assert.Single(logs.Lines, line => line.Contains("vector cache", StringComparison.Ordinal) && line.Contains("was damaged", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BrokenModelResource_AnswersByWordsAndLogsOneLine()
    {
        var vocabulary = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n"u8.ToArray();
        var logs = new CollectingLoggerProvider();
        await using var host = await RunningHost.StartAsync(
            _knowledge.Path,
            [$"--Semantic:CacheDirectory={_cache}", "--Semantic:Mode=Local", "--Logging:LogLevel:Default=Information"],
            configure: b =>
            {
                b.Logging.AddProvider(logs);
                b.Services.AddSingleton(new LocalModelLoader(() => MiniLmEmbeddingGenerator.Load("this is not an onnx model"u8.ToArray(), vocabulary)));
            });

        var health = await Eventually.GetAsync(() => Json(host, "/healthz"), h => h.GetProperty("meaning").GetProperty("state").GetString() == "unavailable", "meaning unavailable");
        var answer = await AskAsync(host, "mtl vs stl for a spam filter");
        var paraphrase = await AskAsync(host, Paraphrase);

        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.Equal("lexical", health.GetProperty("answering").GetString());
        Assert.Equal("single-task-learning", answer.GetProperty("pickId").GetString());
        Assert.Equal("default", paraphrase.GetProperty("rule").GetString());
        Assert.Single(logs.Lines, line => line.Contains("Meaning is unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_OpenAiEndpoint_EmbedsOverHttpAndFallsBackToWordsWhenItFails()
    {
        // The fake endpoint embeds with the shared model: load it before the host's start-up probe is timed.
        _ = SharedModel.Value;
        await using var embeddings = await FakeEmbeddingsServer.StartAsync();
        await using var host = await StartAsync(["--Semantic:Mode=OpenAI", $"--Semantic:Endpoint={embeddings.Endpoint}", "--Semantic:Model=fake-embed", "--Semantic:TimeoutMs=15000"]);

        await Eventually.GetAsync(() => Json(host, "/healthz"), h => h.GetProperty("answering").GetString() == "meaning", "meaning on");
        var byMeaning = await AskAsync(host, Paraphrase);
        embeddings.Failing = 503;
        // Other words than the first question's: the same context would come from the recent-question cache.
        var byWords = await AskAsync(host, "mtl vs stl, hardly any of our samples carry a human label yet");

        Assert.Contains("few labeled examples", embeddings.Inputs);
        Assert.Contains(embeddings.Inputs, text => text.Contains("annotated by hand", StringComparison.Ordinal));
        Assert.Equal("multi-task-learning", byMeaning.GetProperty("pickId").GetString());
        Assert.Equal("default", byWords.GetProperty("rule").GetString());
    }

    [Fact]
    public void Start_OpenAiWithoutEndpoint_IsAConfigurationError()
    {
        var e = Assert.ThrowsAny<Exception>(() => StartAsync(["--Semantic:Mode=OpenAI"]).GetAwaiter().GetResult());

        Assert.Contains("Semantic:Endpoint", e.ToString(), StringComparison.Ordinal);
    }

    private async Task<RunningHost> StartAsync(string[] settings, Action<IServiceCollection>? services = null) =>
        await RunningHost.StartAsync(
            _knowledge.Path,
            [$"--Semantic:CacheDirectory={_cache}", "--Semantic:RuleThreshold=0.35", .. settings],
            configure: services is null ? null : (WebApplicationBuilder b) => services(b.Services));

    private static async Task<JsonElement> Json(RunningHost host, string path)
    {
        using var response = await host.Client.GetAsync(path);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private static async Task<JsonElement> AskAsync(RunningHost host, string question)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/ask", new { question });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }
}
