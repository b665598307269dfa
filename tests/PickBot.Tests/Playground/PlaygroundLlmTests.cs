using System.Net.Http.Json;
using System.Text.Json;
using PickBot.Tests.Support;

namespace PickBot.Tests.Playground;

/// <summary>The playground uses the same pipeline as Slack, LLM step included: rewording shown, the pick unchanged.</summary>
public sealed class PlaygroundLlmTests : IAsyncLifetime, IDisposable
{
    private const string Rephrased = "For a spam filter, Single Task Learning is the better fit: it does one well-defined job and does it well.";

    private readonly KnowledgeFolder _knowledge = new();
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public async Task PostAsk_LlmEnabled_ReturnsRewordingBesideTheSamePick()
    {
        _server.Enqueue(OpenAiReply.Chat(Rephrased));
        await using var host = await RunningHost.StartAsync(_knowledge.Path,
        [
            "--Llm:Enabled=true",
            $"--Llm:Endpoint={_server.Endpoint}",
            "--Llm:Model=fake-model",
            $"--Llm:ApiKey={LlmHarness.ApiKey}",
        ]);

        using var response = await host.Client.PostAsJsonAsync("/api/ask", new { question = "mtl vs stl for a spam filter" });

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Rephrased, json.RootElement.GetProperty("rephrased").GetString());
        Assert.Equal("single-task-learning", json.RootElement.GetProperty("pickId").GetString());
        Assert.Single(_server.Requests);
    }
}
