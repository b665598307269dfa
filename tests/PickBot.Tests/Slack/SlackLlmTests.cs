using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PickBot.Slack.Formatting;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

/// <summary>
/// The LLM step in Slack, through the real host: slash commands answer at once and are replaced through response_url
/// when the wording arrives; mentions wait at most the mention budget. Slack and the LLM are fakes on loopback.
/// </summary>
public sealed class SlackLlmTests(SlackLlmTests.Host host) : IClassFixture<SlackLlmTests.Host>
{
    private const string PostMessage = "/api/chat.postMessage";
    private const string Reworded = "For a spam filter, Single Task Learning is the better fit: it is one well-defined job, and a focused model does it best.";

    [Fact]
    public async Task Command_LlmEnabled_AnswersAtOnceThenReplacesWithTheRewording()
    {
        var id = NewId();
        host.Llm.Enqueue(OpenAiReply.Chat(Reworded));

        using var response = await host.Client.SendAsync(Command("mtl vs stl for a spam filter", host.Slack.ResponseUrl(id), id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var immediate = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Pick: Single Task Learning", (string?)immediate["blocks"]![0]!["text"]!["text"]);
        Assert.Contains("*Why:*", Texts(immediate), StringComparison.Ordinal);
        Assert.DoesNotContain(Reworded, Texts(immediate), StringComparison.Ordinal);

        var replacement = (await host.Slack.WaitForAsync("/response/" + id, 1)).Single().Json!;
        Assert.True((bool?)replacement["replace_original"]);
        Assert.Equal("in_channel", (string?)replacement["response_type"]);
        var blocks = replacement["blocks"]!.AsArray();
        Assert.Equal("Pick: Single Task Learning", (string?)blocks[0]!["text"]!["text"]);
        Assert.Contains(blocks, b => ((string?)b!["text"]?["text"])?.Contains(Reworded, StringComparison.Ordinal) == true);
        Assert.Contains(blocks, b => (string?)b!["type"] == "context" && Texts(b).Contains(AnswerBlocks.RephrasedNote, StringComparison.Ordinal));
        Assert.Contains(blocks, b => ((string?)b!["text"]?["text"])?.StartsWith("*Sources:*", StringComparison.Ordinal) == true);
        Assert.Equal("actions", (string?)blocks.Last()!["type"]);
        Assert.Contains(Reworded, (string?)replacement["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_RewordingFlipsThePick_LeavesTheFirstAnswer()
    {
        var id = NewId();
        host.Llm.Enqueue(OpenAiReply.Chat("Go with Multi-Task Learning for your spam filter."));

        using var response = await host.Client.SendAsync(Command("stl or mtl, spam filter", host.Slack.ResponseUrl(id), id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.FindAsync(() => Task.FromResult(host.Factory.LogText.Contains($"Slash command answer in {id} left as it was (Rejected)", StringComparison.Ordinal) ? "seen" : null));
        Assert.Empty(host.Slack.RequestsTo("/response/" + id));
    }

    [Fact]
    public async Task Mention_LlmEnabled_PostsTheRewordingWithItsContextLine()
    {
        var channel = NewId();
        host.Llm.Enqueue(OpenAiReply.Chat(Reworded));

        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(NewId(), "<@UPICKBOT> mtl vs stl for a spam filter", "1700000000.000300", channel: channel)));

        var post = await SinglePostToAsync(channel);
        var blocks = post.Json!["blocks"]!.AsArray();
        Assert.Equal("Pick: Single Task Learning", (string?)blocks[0]!["text"]!["text"]);
        Assert.Contains(Reworded, Texts(blocks), StringComparison.Ordinal);
        Assert.Contains(AnswerBlocks.RephrasedNote, Texts(blocks), StringComparison.Ordinal);
        Assert.Equal("actions", (string?)blocks.Last()!["type"]);
        Assert.Equal("1700000000.000300", (string?)post.Json["thread_ts"]);
    }

    [Fact]
    public async Task Mention_LlmHangs_PostsThePlainAnswerAfterTheBudget()
    {
        var channel = NewId();
        host.Llm.Enqueue(OpenAiReply.Hang());

        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(NewId(), "<@UPICKBOT> mtl vs stl for a spam filter", "1700000000.000400", channel: channel)));

        // The LLM never answers; the mention budget (3 s here) lets the plain answer out long before this deadline.
        var post = await SinglePostToAsync(channel, TimeSpan.FromSeconds(20));
        var text = Texts(post.Json!["blocks"]);
        Assert.Contains("*Why:*", text, StringComparison.Ordinal);
        Assert.DoesNotContain(AnswerBlocks.RephrasedNote, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_ParserCannotPlaceIt_InterpreterAnswersFromTheEntryAsInferred()
    {
        var channel = NewId();
        host.Llm.Enqueue(
            OpenAiReply.Chat("""{"entry": "multi-task-vs-single-task-learning"}"""),
            OpenAiReply.Status(500));

        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(NewId(), "<@UPICKBOT> should our spam classifier get its own network or share one with other models?", "1700000000.000500", channel: channel)));

        var post = await SinglePostToAsync(channel);
        var text = Texts(post.Json!["blocks"]);
        Assert.Contains("Pick: Single Task Learning", text, StringComparison.Ordinal);
        Assert.Contains("matched from the meaning of your question", text, StringComparison.Ordinal);
    }

    private static string NewId() => "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    /// <summary>Every string in the JSON, unescaped, so text with emoji and curly quotes can be looked for.</summary>
    private static string Texts(JsonNode? node) => node switch
    {
        JsonObject o => string.Join('\n', o.Select(p => Texts(p.Value))),
        JsonArray a => string.Join('\n', a.Select(Texts)),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => string.Empty,
    };

    private static HttpRequestMessage Command(string text, Uri responseUrl, string channel)
    {
        var body = $"token=ignored&team_id=T1&channel_id={channel}&user_id=U123&user_name=ada&command=%2Fpick"
            + $"&text={Uri.EscapeDataString(text)}&response_url={Uri.EscapeDataString(responseUrl.ToString())}";
        return SlackRequests.WithSignature("/slack/commands", body, "application/x-www-form-urlencoded");
    }

    private async Task<RecordedRequest> SinglePostToAsync(string channel, TimeSpan? timeout = null)
    {
        var found = await Eventually.FindAsync(
            () => Task.FromResult(host.Slack.RequestsTo(PostMessage).FirstOrDefault(r => (string?)r.Json?["channel"] == channel)),
            timeout);
        return found;
    }

    /// <summary>One host with the LLM step on, a fake Slack and a fake LLM, for the whole class.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public FakeSlackWebApi Slack { get; private set; } = null!;

        public FakeOpenAiServer Llm { get; private set; } = null!;

        public PickBotApiFactory Factory { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        private string DataPath { get; } = Path.Combine(Path.GetTempPath(), "pickbot-llm-tests-" + Guid.NewGuid().ToString("N"));

        public async Task InitializeAsync()
        {
            Slack = await FakeSlackWebApi.StartAsync();
            Llm = await FakeOpenAiServer.StartAsync();
            var settings = PickBotApiFactory.Settings(Slack.ApiBaseUrl, DataPath);
            settings["Llm:Enabled"] = "true";
            settings["Llm:Endpoint"] = Llm.Endpoint;
            settings["Llm:Model"] = "fake-model";
            settings["Llm:RetryDelayMs"] = "10";
            settings["Llm:TimeoutMs"] = "5000";
            settings["Llm:BudgetMs"] = "8000";
            settings["Llm:MentionBudgetMs"] = "3000";
            // One reply per LLM call keeps each test's scripted replies its own.
            settings["Llm:MaxRetries"] = "0";
            settings["Llm:BreakerMinimumThroughput"] = "100";
            Factory = new PickBotApiFactory(settings);
            Client = Factory.CreateClient();
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
            await Llm.DisposeAsync();
            await Slack.DisposeAsync();
            SqliteConnection.ClearAllPools();
            TempFolder.Delete(DataPath);
        }
    }
}
