using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PickBot.Core.Answers;
using PickBot.Core.Rephrasing;
using PickBot.Slack.Commands;
using PickBot.Slack.Formatting;
using PickBot.Slack.Tests.Support;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Tests.Commands;

public sealed class CommandRephraseHandlerTests
{
    private static readonly Uri ResponseUrl = new("https://hooks.slack.invalid/commands/T1/1/abc");

    [Fact]
    public async Task HandleAsync_WordingAccepted_ReplacesTheOriginalThroughResponseUrl()
    {
        var slack = new Mock<ISlackApiClient>();
        slack.Setup(s => s.RespondAsync(It.IsAny<Uri>(), It.IsAny<ResponseMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SlackApiResult(true));
        var sut = CreateSut(slack, "Single Task Learning suits a spam filter.");

        await sut.HandleAsync(Work());

        slack.Verify(s => s.RespondAsync(
            ResponseUrl,
            It.Is<ResponseMessage>(m => m.ReplaceOriginal == true && m.ResponseType == "in_channel" && m.Text.Contains("suits a spam filter", StringComparison.Ordinal)
                && m.Blocks!.OfType<PickBot.Slack.Blocks.ContextBlock>().Any(c => c.Elements.Any(e => e.Text == AnswerBlocks.RephrasedNote))),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("Go with Multi-Task Learning.")]
    [InlineData(null)]
    public async Task HandleAsync_NoUsableWording_SendsNothing(string? wording)
    {
        var slack = new Mock<ISlackApiClient>(MockBehavior.Strict);
        var sut = CreateSut(slack, wording);

        await sut.HandleAsync(Work());

        slack.Verify(s => s.RespondAsync(It.IsAny<Uri>(), It.IsAny<ResponseMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static CommandRephraseWork Work() =>
        new(SeedKnowledge.Engine().Ask("mtl vs stl for a spam filter"), ResponseUrl, "in_channel", "/pick", "C1");

    private static CommandRephraseHandler CreateSut(Mock<ISlackApiClient> slack, string? wording) => new(
        new ConversationalAnswerer(SeedKnowledge.Engine(), new FixedRephraser(wording), new NoQuestionInterpreter()),
        slack.Object,
        NullLogger<CommandRephraseHandler>.Instance);

    private sealed class FixedRephraser(string? text) : IAnswerRephraser
    {
        public bool IsEnabled => true;

        public Task<string?> RephraseAsync(string question, Answer answer, CancellationToken cancellationToken) => Task.FromResult(text);
    }
}
