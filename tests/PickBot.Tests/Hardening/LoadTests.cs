using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PickBot.Core.Feedback;
using PickBot.Slack.Formatting;
using PickBot.Testing;
using PickBot.Tests.Support;
using Xunit.Abstractions;

namespace PickBot.Tests.Hardening;

/// <summary>
/// A burst of 1,000 concurrent signed Slack requests (commands, mentions, votes) against the real host on loopback:
/// nothing fails with a 5xx, every vote is stored, every accepted mention is answered, memory settles afterwards.
/// </summary>
[Trait("Category", "Load")]
public sealed class LoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Commands = 400;
    private const int Mentions = 300;
    private const int Votes = 300;
    private const string VoteChannel = "CLOADVOTE";

    private readonly KnowledgeFolder _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public async Task Burst_ThousandConcurrentSignedRequests_NoServerErrorAndNoLostVote()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var host = await RunningHost.StartAsync(_knowledge.Path,
        [
            $"--Slack:SigningSecret={PickBotApiFactory.SigningSecret}",
            $"--Slack:BotToken={PickBotApiFactory.BotToken}",
            $"--Slack:BotUserId={PickBotApiFactory.BotUserId}",
            $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
        ]);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        var reference = new AnswerReference("mtl vs stl for a spam filter", "multi-task-vs-single-task-learning", "single-task-learning").Encode();
        var before = Settle();

        var requests = Enumerable.Range(0, Commands).Select(i => SlackRequests.Command("mtl vs stl for a spam filter", user: $"UCMD{i}", channel: "CLOADCMD"))
            .Concat(Enumerable.Range(0, Mentions).Select(i => SlackRequests.Event(SlackRequests.Mention(
                $"EvLoad{i}", $"<@{PickBotApiFactory.BotUserId}> mtl or stl, little labelled data?", $"1700000000.{i:D6}", channel: "CLOADMENTION"))))
            .Concat(Enumerable.Range(0, Votes).Select(i => SlackRequests.Click(
                i % 3 == 0 ? ActionIds.NotHelpful : ActionIds.Helpful,
                reference,
                slack.ResponseUrl("vote" + i.ToString(CultureInfo.InvariantCulture)),
                user: $"UVOTE{i}",
                channel: VoteChannel,
                actionTs: $"1700000100.{i:D6}")))
            .ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var statuses = await Task.WhenAll(requests.Select(async request =>
        {
            using (request)
            using (var response = await client.SendAsync(request))
            {
                return response.StatusCode;
            }
        }));

        output.WriteLine($"{requests.Count} concurrent requests answered in {clock.ElapsedMilliseconds} ms");
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var store = host.App.Services.GetRequiredService<IFeedbackStore>();
        var votes = (await store.VotesAsync()).Where(v => v.ChannelId == VoteChannel).ToList();
        Assert.Equal(Votes, votes.Count);
        Assert.Equal(Votes / 3, votes.Count(v => !v.Helpful));
        var answered = await slack.WaitForAsync("/api/chat.postMessage", Mentions, TimeSpan.FromMinutes(2));
        Assert.Equal(Mentions, answered.Count(r => r.Body.Contains("CLOADMENTION", StringComparison.Ordinal)));
        var after = Settle();
        output.WriteLine($"all mentions answered after {clock.ElapsedMilliseconds} ms; managed memory {before / 1024 / 1024} MB before, {after / 1024 / 1024} MB after");
        Assert.True(after - before < 64L * 1024 * 1024, $"managed memory grew by {(after - before) / 1024 / 1024} MB after the burst");
        SqliteConnection.ClearAllPools();
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
