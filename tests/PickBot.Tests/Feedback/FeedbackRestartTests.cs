using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Feedback;
using PickBot.Slack.Formatting;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Feedback;

public sealed class FeedbackRestartTests : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-tests-" + Guid.NewGuid().ToString("N"));
    private FakeSlackWebApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackWebApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    [Fact]
    public async Task Vote_HostRestarted_StillThereAfterReopeningTheFile()
    {
        var reference = new AnswerReference("mtl vs stl for a spam filter", "multi-task-vs-single-task-learning", "single-task-learning").Encode();
        await using (var first = new PickBotApiFactory(PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath)))
        {
            using var client = first.CreateClient();
            using var response = await client.SendAsync(SlackRequests.Click(ActionIds.NotHelpful, reference, _slack.ResponseUrl("r1"), channel: "CRESTART"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var unanswered = await client.SendAsync(SlackRequests.Command("mtl vs cobol", channel: "CRESTART"));
            await Eventually.FindAsync(async () => (await first.Services.GetRequiredService<IFeedbackStore>().UnansweredAsync()) is { Count: > 0 } found ? found : null);
        }

        SqliteConnection.ClearAllPools();
        Assert.True(File.Exists(Path.Combine(_dataPath, "feedback.db")));

        await using var second = new PickBotApiFactory(PickBotApiFactory.Settings(_slack.ApiBaseUrl, _dataPath));
        using var secondClient = second.CreateClient();
        var store = second.Services.GetRequiredService<IFeedbackStore>();
        Assert.IsType<SqliteFeedbackStore>(store);
        var vote = Assert.Single(await store.VotesAsync());
        Assert.Equal("CRESTART", vote.ChannelId);
        Assert.False(vote.Helpful);
        Assert.Equal("single-task-learning", vote.PickId);
        Assert.Equal("mtl vs cobol", Assert.Single(await store.UnansweredAsync()).Question);
    }
}
