using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Playground;
using PickBot.Tests.Support;

namespace PickBot.Tests.Playground;

public sealed class PlaygroundApiTests : IDisposable
{
    private readonly KnowledgeFolder _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public async Task GetRoot_OnLoopback_ServesSelfContainedPage()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        using var response = await host.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"question\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PostAsk_SpamFilterQuestion_ReturnsSingleTaskLearningDocument()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        using var response = await host.Client.PostAsJsonAsync("/api/ask", new { question = "mtl vs stl for a spam filter" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.True(root.GetProperty("matched").GetBoolean());
        Assert.Equal("Single Task Learning", root.GetProperty("pick").GetString());
        Assert.Contains("spam filter", root.GetProperty("decidedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Multi-Task Learning", root.GetProperty("otherwise")[0].GetProperty("option").GetString());
        Assert.StartsWith("https://", root.GetProperty("sources")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsk_NoQuestionField_ReturnsValidationProblem()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        using var response = await host.Client.PostAsJsonAsync("/api/ask", new { text = "mtl vs stl" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("question", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsk_MalformedJson_Returns400()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        using var response = await host.Client.PostAsync("/api/ask", new StringContent("{\"question\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostAsk_NoMatch_RecordsUnansweredQuestionFromPlayground()
    {
        var feedback = new InMemoryFeedbackStore();
        await using var host = await RunningHost.StartAsync(_knowledge.Path, configure: b => b.Services.AddSingleton<IFeedbackStore>(feedback));

        using var noMatch = await host.Client.PostAsJsonAsync("/api/ask", new { question = "mtl for a spam thing" });
        using var matched = await host.Client.PostAsJsonAsync("/api/ask", new { question = "mtl vs stl" });

        Assert.Equal(HttpStatusCode.OK, noMatch.StatusCode);
        var recorded = Assert.Single(feedback.Unanswered);
        Assert.Equal("mtl for a spam thing", recorded.Question);
        Assert.Equal(PlaygroundEndpoints.Origin, recorded.Origin);
    }

    [Fact]
    public async Task GetStatus_FolderWithBrokenFile_ListsProblemWithPosition()
    {
        _knowledge.Write("ml/broken.yaml", "comparisons:\n  - id: Not Valid\n");
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/status");

        var knowledge = status.GetProperty("knowledge");
        Assert.Equal(1, knowledge.GetProperty("comparisons").GetInt32());
        Assert.Contains(
            knowledge.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!),
            p => p.Contains("broken.yaml:2:", StringComparison.Ordinal));
        Assert.Empty(knowledge.GetProperty("rejectedProblems").EnumerateArray());
    }

    [Theory]
    [InlineData("list", "")]
    [InlineData("LIST ml", "ml")]
    public async Task PostAsk_List_ReturnsTheCatalogueNotHelp(string question, string filter)
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        var list = await (await host.Client.PostAsJsonAsync("/api/ask", new { question })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("list", list.GetProperty("kind").GetString());
        Assert.Equal(filter, list.GetProperty("filter").GetString());
        var entry = Assert.Single(list.GetProperty("entries").EnumerateArray());
        Assert.Equal("multi-task-vs-single-task-learning", entry.GetProperty("id").GetString());
        Assert.Equal("Multi-Task Learning vs Single Task Learning", entry.GetProperty("title").GetString());
        Assert.Equal("ml", entry.GetProperty("area").GetString());
    }

    [Fact]
    public async Task PostFeedback_Vote_IsStoredInTheFeedbackStoreWithOriginPlayground()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);
        var vote = new { answerId = "a1-2", question = "mtl vs stl for a spam filter", entry = "multi-task-vs-single-task-learning", pick = "single-task-learning", helpful = false };

        using var first = await host.Client.PostAsJsonAsync("/api/feedback", vote);
        using var again = await host.Client.PostAsJsonAsync("/api/feedback", vote);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("did not help", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
        // The store the bot was built with, the one Slack's buttons write to (SQLite here).
        var stored = Assert.Single(await host.App.Services.GetRequiredService<IFeedbackStore>().VotesAsync());
        Assert.False(stored.Helpful);
        Assert.Equal(("multi-task-vs-single-task-learning", "single-task-learning"), (stored.EntryId, stored.PickId));
        Assert.Equal((PlaygroundEndpoints.Origin, PlaygroundEndpoints.Origin), (stored.UserId, stored.ChannelId));
        Assert.Equal("mtl vs stl for a spam filter", stored.Question);
    }

    [Theory]
    [InlineData("no-such-entry", "single-task-learning", "a1")]
    [InlineData("multi-task-vs-single-task-learning", "kafka", "a1")]
    [InlineData("multi-task-vs-single-task-learning", "single-task-learning", "not an id!")]
    public async Task PostFeedback_VoteForNothingKnown_Returns400AndStoresNothing(string entry, string pick, string answerId)
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        using var response = await host.Client.PostAsJsonAsync("/api/feedback", new { answerId, question = "q", entry, pick, helpful = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await host.App.Services.GetRequiredService<IFeedbackStore>().VotesAsync());
    }

    [Fact]
    public async Task GetKnowledge_ListsEachComparisonWithItsRulesAndDefault()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        var knowledge = await host.Client.GetFromJsonAsync<JsonElement>("/api/knowledge");
        using var page = await host.Client.GetAsync("/knowledge");
        using var one = await host.Client.GetAsync("/api/knowledge/multi-task-vs-single-task-learning");
        using var missing = await host.Client.GetAsync("/api/knowledge/nope");

        var comparison = Assert.Single(knowledge.GetProperty("comparisons").EnumerateArray());
        Assert.Equal("multi-task-vs-single-task-learning", comparison.GetProperty("id").GetString());
        var rules = comparison.GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("when").EnumerateArray().Any(w => w.GetString() == "spam filter"));
        Assert.All(rules, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("because").GetString())));
        Assert.Equal("default", comparison.GetProperty("default").GetProperty("id").GetString());
        Assert.Equal(2, comparison.GetProperty("options").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("What PickBot knows", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Playground_Disabled_IsNotMapped()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, ["--Playground:Enabled=false"]);

        using var page = await host.Client.GetAsync("/");
        using var health = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
