using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

/// <summary><c>/pick reload</c>, <c>/pick status</c>, the per-user limit and the admin notices, through signed requests.</summary>
public sealed class AdminCommandsEndpointTests : IDisposable
{
    private const string Admin = "UADMIN77";
    private const string AdminChannel = "CADMINS1";

    private readonly KnowledgeFolder _knowledge = new();
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-admin-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _knowledge.Dispose();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    [Fact]
    public async Task Status_FromAdmin_ShowsKnowledgeEphemerally()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var factory = Factory(slack);
        using var client = factory.CreateClient();

        var reply = await CommandAsync(client, "status", Admin);

        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        Assert.StartsWith("*Knowledge* `", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 comparisons, 2 options", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_FromSomeoneElse_PoliteRefusal()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var factory = Factory(slack);
        using var client = factory.CreateClient();

        var reply = await CommandAsync(client, "reload", "UNOTADMIN");

        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        Assert.StartsWith("Sorry, `/pick reload` is only for PickBot's admins.", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_BrokenEdit_KeepsServingAndNotifiesAdminChannel()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var factory = Factory(slack);
        using var client = factory.CreateClient();
        var seed = await File.ReadAllTextAsync(_knowledge.SeedPath);
        await File.WriteAllTextAsync(_knowledge.SeedPath, seed.Replace("pick: single-task-learning", "pick: single-task-lerning", StringComparison.Ordinal));

        var reply = await CommandAsync(client, "reload", Admin);
        var answer = await CommandAsync(client, "mtl vs stl for a spam filter", "UASKER01");

        Assert.StartsWith(":warning: Knowledge edit rejected", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Single Task Learning", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        var notice = (await slack.WaitForAsync("/api/chat.postMessage", 1)).Single(r => (string?)r.Json!["channel"] == AdminChannel);
        Assert.Matches(@"seed\.yaml:\d+:\d+: .*single-task-lerning", (string?)notice.Json!["text"]);
    }

    [Fact]
    public async Task Pick_OverPerUserLimit_FriendlyMessageOthersUnaffected()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var factory = Factory(slack, ("Slack:PickRequestsPerMinute", "2"));
        using var client = factory.CreateClient();

        await CommandAsync(client, "mtl vs stl", "UBUSY001");
        await CommandAsync(client, "mtl vs stl", "UBUSY001");
        var third = await CommandAsync(client, "mtl vs stl", "UBUSY001");
        var other = await CommandAsync(client, "mtl vs stl", "UCALM001");

        Assert.Equal("ephemeral", third.GetProperty("response_type").GetString());
        Assert.StartsWith("You've asked 2 questions in the last minute", third.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("last minute", other.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private PickBotApiFactory Factory(FakeSlackWebApi slack, params (string Key, string Value)[] extra)
    {
        var settings = PickBotApiFactory.Settings(slack.ApiBaseUrl, _dataPath);
        settings["Knowledge:Path"] = _knowledge.Path;
        settings["Knowledge:Watch:Enabled"] = "false";
        settings["Slack:AdminUserIds:0"] = Admin;
        settings["Slack:AdminChannel"] = AdminChannel;
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new PickBotApiFactory(settings);
    }

    private static async Task<JsonElement> CommandAsync(HttpClient client, string text, string user)
    {
        using var response = await client.SendAsync(SlackRequests.Command(text, user: user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
