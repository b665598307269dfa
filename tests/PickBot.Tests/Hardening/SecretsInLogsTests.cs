using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using PickBot.Slack.Formatting;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Hardening;

/// <summary>
/// Runs the host through the paths most likely to print configuration (start-up, bad signatures, admin status, reloads,
/// the playground, failing Slack calls) with every log line captured, then looks for each configured secret.
/// </summary>
public sealed class SecretsInLogsTests : IDisposable
{
    private const string LlmKey = "sk-test-llm-key-5f2b9c1e7a";
    private const string PlaygroundToken = "playground-token-9d8c7b6a5f4e";
    private const string Admin = "UADMIN42";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-secrets-" + Guid.NewGuid().ToString("N"));

    private static string[] Secrets => [PickBotApiFactory.SigningSecret, PickBotApiFactory.BotToken, LlmKey, PlaygroundToken];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    [Fact]
    public async Task Logs_AfterEveryKindOfRequest_ContainNoSecret()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        var settings = PickBotApiFactory.Settings(slack.ApiBaseUrl, _dataPath);
        settings["Llm:ApiKey"] = LlmKey;
        settings["Llm:Enabled"] = "false";
        settings["Playground:AdminToken"] = PlaygroundToken;
        settings["Slack:AdminUserIds:0"] = Admin;
        await using var factory = new PickBotApiFactory(settings);
        using var client = factory.CreateClient();
        slack.EnqueueJson("/api/chat.postMessage", """{"ok":false,"error":"invalid_auth"}""");
        var replies = new List<string>();

        foreach (var text in new[] { "status", "reload", "mtl vs stl for a spam filter", "kafka vs nothing", "help" })
        {
            using var response = await client.SendAsync(SlackRequests.Command(text, user: Admin));
            replies.Add(await response.Content.ReadAsStringAsync());
        }

        using (var stranger = await client.SendAsync(SlackRequests.Command("status", user: "USTRANGER")))
        {
            replies.Add(await stranger.Content.ReadAsStringAsync());
        }

        using (var forged = await client.SendAsync(SlackRequests.WithSignature("/slack/commands", "command=%2Fpick&text=status&user_id=U1&channel_id=C1", "application/x-www-form-urlencoded", secret: "wrong-secret")))
        using (var stale = await client.SendAsync(SlackRequests.Command("status", user: Admin, at: DateTimeOffset.UtcNow.AddHours(-1))))
        using (var mention = await client.SendAsync(SlackRequests.Event(SlackRequests.Mention("EvSecret1", $"<@{PickBotApiFactory.BotUserId}> mtl vs stl", "1700000000.000001"))))
        using (var vote = await client.SendAsync(SlackRequests.Click(ActionIds.NotHelpful, new AnswerReference("mtl vs stl", "multi-task-vs-single-task-learning", "multi-task-learning").Encode(), slack.ResponseUrl("secret-vote"))))
        using (var ask = await client.PostAsJsonAsync("/api/ask", new { question = "mtl vs stl" }))
        using (var status = await client.GetAsync("/api/status"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
            Assert.Equal(HttpStatusCode.OK, mention.StatusCode);
            Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
            replies.Add(await ask.Content.ReadAsStringAsync());
            replies.Add(await status.Content.ReadAsStringAsync());
        }

        await slack.WaitForAsync("/api/chat.postMessage", 1);
        await Task.Delay(500);

        Assert.Contains("*Knowledge*", replies[0], StringComparison.Ordinal);
        Assert.Contains("only for PickBot's admins", replies[5], StringComparison.Ordinal);
        var logs = factory.LogText;
        Assert.Contains("Refused /pick status for USTRANGER", logs, StringComparison.Ordinal);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.All(replies, reply => Assert.DoesNotContain(secret, reply, StringComparison.Ordinal));
        }
    }
}
