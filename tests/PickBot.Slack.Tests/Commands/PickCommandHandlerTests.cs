using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;
using PickBot.Slack.Admin;
using PickBot.Slack.Commands;
using PickBot.Slack.Events;
using PickBot.Slack.Feedback;
using PickBot.Slack.Tests.Support;

namespace PickBot.Slack.Tests.Commands;

public sealed class PickCommandHandlerTests
{
    [Fact]
    public async Task HandleAsync_Pick_InChannelByDefault()
    {
        var response = await CreateSut().HandleAsync(Command("mtl vs stl for a spam filter"));

        Assert.Equal("in_channel", response.ResponseType);
        Assert.StartsWith("Pick: Single Task Learning", response.Text, StringComparison.Ordinal);
        Assert.NotNull(response.Blocks);
    }

    [Fact]
    public async Task HandleAsync_PickWithEphemeralConfigured_Ephemeral()
    {
        var response = await CreateSut(new SlackOptions { CommandResponseType = SlackOptions.Ephemeral }).HandleAsync(Command("mtl vs stl"));

        Assert.Equal("ephemeral", response.ResponseType);
        Assert.StartsWith("Pick:", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ListWithArea_OnlyThatArea()
    {
        var response = await CreateSut().HandleAsync(Command("list ML"));

        Assert.Equal("ephemeral", response.ResponseType);
        Assert.Contains("ml", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(response.Blocks!, b => b is PickBot.Slack.Blocks.SectionBlock s && s.Text.Text.Contains("Multi-Task Learning vs Single Task Learning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_NoMatch_EphemeralAndRecordedWithOrigin()
    {
        var store = new RecordingFeedbackStore();

        var response = await CreateSut(store: store).HandleAsync(Command("mtl vs cobol"));

        Assert.Equal("ephemeral", response.ResponseType);
        var recorded = await store.FirstUnanswered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("mtl vs cobol", recorded.Question);
        Assert.Equal("command", recorded.Origin);
        Assert.Equal("C1", recorded.ChannelId);
    }

    [Fact]
    public async Task HandleAsync_NoMatchAndStoreFails_StillAnswers()
    {
        var store = new RecordingFeedbackStore { Fail = true };

        var response = await CreateSut(store: store).HandleAsync(Command("mtl vs cobol"));

        Assert.Equal("ephemeral", response.ResponseType);
        await Assert.ThrowsAsync<IOException>(() => store.FirstUnanswered.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task HandleAsync_StatusFromNonAdmin_PoliteEphemeralRefusal()
    {
        var response = await CreateSut(admin: new SlackAdminOptions { AdminUserIds = ["UADMIN"] }).HandleAsync(Command("status"));

        Assert.Equal("ephemeral", response.ResponseType);
        Assert.StartsWith("Sorry, `/pick status` is only for PickBot's admins.", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_StatusWordInsideAQuestion_IsAQuestion()
    {
        var response = await CreateSut(admin: new SlackAdminOptions { AdminUserIds = ["UADMIN"] }).HandleAsync(Command("status mtl vs stl"));

        Assert.DoesNotContain("only for PickBot's admins", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_OverTheLimit_FriendlyEphemeralMessage()
    {
        var sut = CreateSut(admin: new SlackAdminOptions { PickRequestsPerMinute = 1 });
        await sut.HandleAsync(Command("mtl vs stl"));

        var response = await sut.HandleAsync(Command("mtl vs stl"));

        Assert.Equal("ephemeral", response.ResponseType);
        Assert.StartsWith("You've asked 1 question in the last minute", response.Text, StringComparison.Ordinal);
    }

    private static SlashCommand Command(string text) => new("/pick", text, "U1", "C1");

    private static PickCommandHandler CreateSut(SlackOptions? options = null, RecordingFeedbackStore? store = null, SlackAdminOptions? admin = null)
    {
        var engine = TestKnowledge.Engine();
        var knowledge = new KnowledgeStore(engine.Knowledge);
        var reloader = new KnowledgeReloader(knowledge, new KnowledgeLoader(), new InMemoryKnowledgeSource(), new LoggingAdminNotifier(NullLogger<LoggingAdminNotifier>.Instance), TimeProvider.System, NullLogger<KnowledgeReloader>.Instance);
        var adminOptions = Options.Create(admin ?? new SlackAdminOptions());
        return new(
            engine,
            new ConversationalAnswerer(engine),
            new SlackWorkChannel(Options.Create(options ?? new SlackOptions())),
            new UnansweredRecorder(store ?? new RecordingFeedbackStore(), TimeProvider.System, NullLogger<UnansweredRecorder>.Instance),
            new AdminCommands(reloader, knowledge, adminOptions, NullLogger<AdminCommands>.Instance),
            new UserRateLimiter(adminOptions, TimeProvider.System),
            adminOptions,
            Options.Create(options ?? new SlackOptions()),
            NullLogger<PickCommandHandler>.Instance);
    }
}
