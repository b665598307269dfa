using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PickBot.Slack.Conversations;
using PickBot.Slack.Tests.Support;
using PickBot.Testing;

namespace PickBot.Slack.Tests.Conversations;

/// <summary>The thread reader and the name cache over the real Web API client, against the fake workspace on loopback.</summary>
public sealed class ThreadReaderTests : IAsyncLifetime
{
    private const string Root = "1700000000.000100";

    private FakeSlackWebApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackWebApi.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task ReadAsync_LongThread_KeepsTheRootAndTheMostRecentRepliesBeforeTheMention()
    {
        _slack.Workspace.PageSize("C1", 2);
        _slack.Workspace.Say("C1", Root, "U1", "root");
        for (var i = 1; i <= 8; i++)
        {
            _slack.Workspace.Say("C1", $"1700000000.00020{i}", "U2", $"reply {i}", Root);
        }

        await using var services = Create(("Slack:ThreadContextMessages", "3"));

        var read = await services.GetRequiredService<ThreadReader>().ReadAsync("C1", Root, "1700000000.000207");

        Assert.True(read.Ok);
        Assert.Equal(["root", "reply 4", "reply 5", "reply 6"], read.Messages.Select(m => m.Text));
        Assert.Equal(4, _slack.Workspace.CallsTo("conversations.replies").Count);
    }

    [Fact]
    public async Task ReadAsync_WithinTheCacheDuration_ReadsOnceUntilForgotten()
    {
        _slack.Workspace.Say("C2", Root, "U1", "root");
        await using var services = Create();
        var reader = services.GetRequiredService<ThreadReader>();

        await reader.ReadAsync("C2", Root, "1700000000.000900");
        await reader.ReadAsync("C2", Root, "1700000000.000900");
        Assert.Single(_slack.Workspace.CallsTo("conversations.replies"));

        reader.Forget("C2", Root);
        await reader.ReadAsync("C2", Root, "1700000000.000900");
        Assert.Equal(2, _slack.Workspace.CallsTo("conversations.replies").Count);
    }

    [Theory]
    [InlineData("missing_scope", "groups:history", "add the groups:history scope")]
    [InlineData("not_in_channel", null, "invite PickBot to the channel")]
    public async Task ReadAsync_Refused_ReportsTheProblemAndLogsOneWarningSayingWhatToDo(string error, string? needed, string advice)
    {
        _slack.Workspace.Say("G3", Root, "U1", "root");
        _slack.Workspace.RefuseHistory("G3", error, needed);
        var logs = new ListLoggerProvider();
        await using var services = Create(logs: logs);

        var read = await services.GetRequiredService<ThreadReader>().ReadAsync("G3", Root, "1700000000.000900");

        Assert.Equal(error, read.Problem);
        Assert.Empty(read.Messages);
        var warning = Assert.Single(logs.Lines, l => l.Level is >= LogLevel.Warning and < LogLevel.None);
        Assert.Contains(advice, warning.Message, StringComparison.Ordinal);
        Assert.Contains("groups:history", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepliesRequest_IsAFormWithTheTokenInTheHeaderOnly()
    {
        _slack.Workspace.Say("C4", Root, "U1", "root");
        await using var services = Create();

        await services.GetRequiredService<ThreadReader>().ReadAsync("C4", Root, "1700000000.000900");

        var request = Assert.Single(_slack.RequestsTo("/api/conversations.replies"));
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("Bearer xoxb-test-token", request.Authorization);
        Assert.DoesNotContain("xoxb", request.Body, StringComparison.Ordinal);
        Assert.Contains("include_all_metadata=true", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameAsync_CachesTheDisplayNameAndFallsBackToTheUserId()
    {
        _slack.Workspace.AddUser("UANA", "Ana", "Ana Lopez");
        await using var services = Create();
        var names = services.GetRequiredService<UserNames>();

        Assert.Equal("Ana", await names.NameAsync("UANA"));
        Assert.Equal("Ana", await names.NameAsync("UANA"));
        Assert.Equal("UGONE", await names.NameAsync("UGONE"));
        Assert.Equal("UGONE", await names.NameAsync("UGONE"));

        Assert.Equal(["UANA", "UGONE"], _slack.Workspace.CallsTo("users.info").Select(c => c.Form["user"]));
    }

    [Theory]
    [InlineData("what if we were 50 engineers?", true)]
    [InlineData("why not kafka", true)]
    [InlineData("and kafka vs sqs", true)]
    [InlineData("sounds good", false)]
    [InlineData("<@UBEN> what do you think?", false)]
    [InlineData("<@UPICKBOT> what do you think?", false)]
    [InlineData("", false)]
    public void ReadsAsQuestion_Wordings(string text, bool expected) => Assert.Equal(expected, FollowUpText.ReadsAsQuestion(text));

    [Theory]
    [InlineData("1700000000.000100", "1700000000.000200", -1)]
    [InlineData("999999999.999999", "1700000000.000001", -1)]
    [InlineData("1700000000.1", "1700000000.000100", 1)]
    [InlineData("1700000000.000100", "1700000000.000100", 0)]
    public void Compare_SlackTimestamps_AsNumbers(string a, string b, int sign) => Assert.Equal(sign, Math.Sign(ThreadReader.Compare(a, b)));

    private ServiceProvider Create((string Key, string Value)? setting = null, ListLoggerProvider? logs = null) => SlackServices.Create(
        _slack.ApiBaseUrl,
        setting is { } s ? new Dictionary<string, string?> { [s.Key] = s.Value } : null,
        services =>
        {
            if (logs is not null)
            {
                services.AddLogging(b => b.AddProvider(logs));
            }
        });
}
