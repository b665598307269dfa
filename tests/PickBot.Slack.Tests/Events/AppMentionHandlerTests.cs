using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using PickBot.Core.Conversations;
using PickBot.Core.Rephrasing;
using PickBot.Slack.Conversations;
using PickBot.Slack.Events;
using PickBot.Slack.Feedback;
using PickBot.Slack.Tests.Support;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Tests.Events;

public sealed class AppMentionHandlerTests
{
    private readonly Mock<ISlackApiClient> _slack = new();

    public AppMentionHandlerTests()
    {
        _slack.Setup(s => s.PostMessageAsync(It.IsAny<ChatPostMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SlackApiResult(true));
        _slack.Setup(s => s.ConversationsRepliesAsync(It.IsAny<ConversationsReplies>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationsRepliesPage(new SlackApiResult(true), [], null, null));
        _slack.Setup(s => s.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UsersInfo(SlackApiResult.Failed("user_not_found"), null, null, null));
    }

    [Fact]
    public async Task HandleAsync_MentionWithQuestion_PostsPickInTheThread()
    {
        await CreateSut().HandleAsync(new MentionWork("Ev1", "C1", "U1", "<@UBOT> mtl vs stl for a spam filter", "2.0", "1.0", "mention"));

        _slack.Verify(s => s.PostMessageAsync(
            It.Is<ChatPostMessage>(m => m.Channel == "C1" && m.ThreadTs == "1.0" && m.Text.StartsWith("Pick: Single Task Learning") && m.Blocks!.Count > 3),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_MentionOnly_PostsHelp()
    {
        await CreateSut().HandleAsync(new MentionWork("Ev1", "C1", "U1", "<@UBOT>", "2.0", "2.0", "mention"));

        _slack.Verify(s => s.PostMessageAsync(It.Is<ChatPostMessage>(m => m.Text.StartsWith("Ask me to pick")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_NoMatch_RepliesAndRecordsTheQuestionWithoutTheMention()
    {
        var store = new RecordingFeedbackStore();

        await CreateSut(store).HandleAsync(new MentionWork("Ev1", "D1", "U1", "mtl vs cobol", "2.0", null, "message"));

        var recorded = await store.FirstUnanswered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("mtl vs cobol", recorded.Question);
        Assert.Equal("message", recorded.Origin);
        _slack.Verify(s => s.PostMessageAsync(It.Is<ChatPostMessage>(m => m.ThreadTs == null && m.Channel == "D1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_MentionAskingForList_PostsTheCatalogue()
    {
        await CreateSut().HandleAsync(new MentionWork("Ev1", "C1", "U1", "<@UBOT> list ml", "2.0", "2.0", "mention"));

        _slack.Verify(s => s.PostMessageAsync(It.Is<ChatPostMessage>(m => m.Text.StartsWith("Comparisons for ml")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_DirectMessageNoMatch_SuggestionsWithoutCommandPrefix()
    {
        await CreateSut().HandleAsync(new MentionWork("Ev1", "D1", "U1", "multitask vs cobol", "2.0", null, "message"));

        _slack.Verify(s => s.PostMessageAsync(
            It.Is<ChatPostMessage>(m => m.Blocks!.OfType<PickBot.Slack.Blocks.SectionBlock>().Any(b => b.Text.Text.Contains("try `Multi-Task Learning vs Single Task Learning`"))),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_PostFails_DoesNotThrow()
    {
        _slack.Setup(s => s.PostMessageAsync(It.IsAny<ChatPostMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SlackApiResult.Failed("channel_not_found"));

        await CreateSut().HandleAsync(new MentionWork("Ev1", "C1", "U1", "<@UBOT> mtl vs stl", "2.0", "2.0", "mention"));

        _slack.Verify(s => s.PostMessageAsync(It.IsAny<ChatPostMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private AppMentionHandler CreateSut(RecordingFeedbackStore? store = null)
    {
        var engine = TestKnowledge.Engine();
        var options = Options.Create(new SlackConversationOptions());
        var bot = new BotIdentity("UBOT");
        var threads = new ThreadConversation(
            new ThreadReader(_slack.Object, options, TimeProvider.System, NullLogger<ThreadReader>.Instance),
            new UserNames(_slack.Object, options, TimeProvider.System, NullLogger<UserNames>.Instance),
            new ThreadAnswerer(engine),
            new InMemoryThreadMemoryStore(options, TimeProvider.System),
            bot,
            TimeProvider.System,
            NullLogger<ThreadConversation>.Instance);
        return new(
            new ConversationalAnswerer(engine),
            _slack.Object,
            bot,
            new UnansweredRecorder(store ?? new RecordingFeedbackStore(), TimeProvider.System, NullLogger<UnansweredRecorder>.Instance),
            threads,
            NullLogger<AppMentionHandler>.Instance);
    }
}
