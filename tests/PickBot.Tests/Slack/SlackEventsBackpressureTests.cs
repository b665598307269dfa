using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Slack.Events;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

/// <summary>
/// The real host with a one-item queue and one worker, whose first chat.postMessage the fake Slack holds: the worker is
/// busy, one more mention fills the queue, and the next one meets a full queue.
/// </summary>
public sealed class SlackEventsBackpressureTests : IAsyncLifetime
{
    private const string PostMessage = "/api/chat.postMessage";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-backpressure-" + Guid.NewGuid().ToString("N"));
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeSlackWebApi _slack = null!;

    private PickBotApiFactory? Host { get; set; }

    private HttpClient? Client { get; set; }

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackWebApi.StartAsync();
        _slack.Enqueue(PostMessage, async context =>
        {
            await _release.Task;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync("""{"ok":true,"channel":"CHELD","ts":"1700000000.999999"}""");
        });
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        Client?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    [Fact]
    public async Task PostEvent_QueueStaysFull_Returns503NotSeenAndTheRedeliveryIsAnswered()
    {
        StartHost(enqueueWait: "00:00:00.100");
        await FillAsync();
        var json = Mention("EvFull", "CFULL");

        using (var refused = await Client!.SendAsync(SlackRequests.Event(json)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        }

        Assert.Contains(Host!.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("EvFull", StringComparison.Ordinal) && l.Contains("Slack will retry it", StringComparison.Ordinal));
        _release.SetResult();
        await _slack.WaitForAsync(PostMessage, 2);
        using (var retry = await Client.SendAsync(SlackRequests.Event(json, retryNum: 1, retryReason: "http_error")))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        var posts = await _slack.WaitForAsync(PostMessage, 3);
        Assert.Single(posts, p => (string?)p.Json?["channel"] == "CFULL");
        Assert.DoesNotContain(Host.Logs, l => l.Contains("EvFull already accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostEvent_QueueFullOnSlacksLastRetry_Returns503AndLogsTheQuestionLost()
    {
        StartHost(enqueueWait: "00:00:00");
        await FillAsync();

        using var refused = await Client!.SendAsync(SlackRequests.Event(Mention("EvLast", "CLAST"), retryNum: 3, retryReason: "http_error"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var line = Assert.Single(Host!.Logs, l => l.Contains("EvLast", StringComparison.Ordinal) && l.Contains("NOT accepted", StringComparison.Ordinal));
        Assert.StartsWith("Error", line, StringComparison.Ordinal);
        Assert.Contains("the question is lost", line, StringComparison.Ordinal);
        Assert.DoesNotContain("mtl vs stl", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEvent_QueueFullThenASlotFreesWithinTheWait_AckedAndAnswered()
    {
        StartHost(enqueueWait: "00:00:02.500");
        await FillAsync();
        var queue = Host!.Services.GetRequiredService<SlackWorkChannel>();

        var pending = Client!.SendAsync(SlackRequests.Event(Mention("EvWait", "CWAIT")));
        await Eventually.FindAsync(() => Task.FromResult(queue.Waiting == 1 ? "waiting" : null));
        _release.SetResult();
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = await _slack.WaitForAsync(PostMessage, 3);
        Assert.Single(posts, p => (string?)p.Json?["channel"] == "CWAIT");
    }

    [Fact]
    public async Task PostSlashCommand_QueueFull_StillAnsweredAtOnce()
    {
        StartHost(enqueueWait: "00:00:00.100");
        await FillAsync();

        using var response = await Client!.SendAsync(SlackRequests.Command("mtl vs stl for a spam filter"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Single Task Learning", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The worker holds the first mention's post; the second one fills the one-item queue.</summary>
    private async Task FillAsync()
    {
        using (var first = await Client!.SendAsync(SlackRequests.Event(Mention("EvBusy", "CBUSY"))))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await _slack.WaitForAsync(PostMessage, 1);
        using var second = await Client.SendAsync(SlackRequests.Event(Mention("EvQueued", "CQUEUED")));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, Host!.Services.GetRequiredService<SlackWorkChannel>().Count);
    }

    private static string Mention(string eventId, string channel) =>
        SlackRequests.Mention(eventId, "<@UPICKBOT> mtl vs stl for a spam filter", "1700000000.000100", channel: channel);

    private void StartHost(string enqueueWait)
    {
        var settings = PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath);
        settings["Slack:MentionQueueCapacity"] = "1";
        settings["Slack:MentionWorkers"] = "1";
        settings["Slack:EnqueueWait"] = enqueueWait;
        Host = new PickBotApiFactory(settings);
        Client = Host.CreateClient();
    }
}
