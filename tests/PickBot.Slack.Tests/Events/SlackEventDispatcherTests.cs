using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PickBot.Slack.Conversations;
using PickBot.Slack.Events;
using PickBot.Slack.Tests.SocketMode;

namespace PickBot.Slack.Tests.Events;

public sealed class SlackEventDispatcherTests
{
    [Fact]
    public async Task HandleAsync_Mention_QueuedWithThreadTsOfTheMessage()
    {
        var (sut, queue) = CreateSut();

        var result = await sut.HandleAsync(Envelope("Ev1", new SlackEvent { Type = "app_mention", User = "U1", Text = "<@UBOT> a vs b", Ts = "1.000100", Channel = "C1" }));

        Assert.Equal(DispatchResult.Queued, result);
        Assert.True(queue.Reader.TryRead(out var work));
        var mention = Assert.IsType<MentionWork>(work);
        Assert.Equal("1.000100", mention.ThreadTs);
        Assert.Equal("mention", mention.Origin);
    }

    [Fact]
    public async Task HandleAsync_MentionInThread_QueuedWithTheParentTs()
    {
        var (sut, queue) = CreateSut();

        await sut.HandleAsync(Envelope("Ev1", new SlackEvent { Type = "app_mention", User = "U1", Text = "x", Ts = "2.0", ThreadTs = "1.0", Channel = "C1" }));

        Assert.True(queue.Reader.TryRead(out var work));
        Assert.Equal("1.0", ((MentionWork)work).ThreadTs);
    }

    [Fact]
    public async Task HandleAsync_DirectMessage_QueuedWithoutThread()
    {
        var (sut, queue) = CreateSut();

        var result = await sut.HandleAsync(Envelope("Ev1", new SlackEvent { Type = "message", ChannelType = "im", User = "U1", Text = "a vs b", Ts = "2.0", Channel = "D1" }));

        Assert.Equal(DispatchResult.Queued, result);
        Assert.True(queue.Reader.TryRead(out var work));
        Assert.Null(((MentionWork)work).ThreadTs);
        Assert.Equal("message", ((MentionWork)work).Origin);
    }

    [Theory]
    [InlineData("app_mention", null, "B1", "U1", null)]
    [InlineData("message", "im", null, "UBOT", null)]
    [InlineData("message", "im", null, "U1", "message_changed")]
    [InlineData("message", "im", null, "U1", "bot_message")]
    [InlineData("message", "channel", null, "U1", null)]
    [InlineData("reaction_added", null, null, "U1", null)]
    public async Task HandleAsync_NotForPickBot_Ignored(string type, string? channelType, string? botId, string user, string? subtype)
    {
        var (sut, queue) = CreateSut();

        var result = await sut.HandleAsync(Envelope("Ev1", new SlackEvent { Type = type, ChannelType = channelType, BotId = botId, User = user, Subtype = subtype, Text = "a vs b", Ts = "1.0", Channel = "C1" }));

        Assert.Equal(DispatchResult.Ignored, result);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task HandleAsync_SameEventIdAgain_Duplicate()
    {
        var (sut, queue) = CreateSut();
        var e = new SlackEvent { Type = "app_mention", User = "U1", Text = "x", Ts = "1.0", Channel = "C1" };

        await sut.HandleAsync(Envelope("Ev1", e));
        var again = await sut.HandleAsync(Envelope("Ev1", e), retryNum: 1, retryReason: "http_timeout");

        Assert.Equal(DispatchResult.Duplicate, again);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task HandleAsync_QueueFull_ReportsQueueFullAndLetsALaterDeliveryIn()
    {
        var (sut, queue) = CreateSut(capacity: 1, wait: TimeSpan.Zero);
        await sut.HandleAsync(Envelope("Ev1", Mention()));

        var full = await sut.HandleAsync(Envelope("Ev2", Mention()));
        queue.Reader.TryRead(out _);
        var later = await sut.HandleAsync(Envelope("Ev2", Mention()), retryNum: 1);

        Assert.Equal(DispatchResult.QueueFull, full);
        Assert.Equal(DispatchResult.Queued, later);
    }

    [Fact]
    public async Task HandleAsync_QueueFullThenASlotFreesWithinTheWait_Queued()
    {
        var time = new FakeTimeProvider();
        var (sut, queue) = CreateSut(capacity: 1, time: time);
        await sut.HandleAsync(Envelope("Ev1", Mention()));

        var pending = sut.HandleAsync(Envelope("Ev2", Mention()));
        Assert.False(pending.IsCompleted);
        Assert.Equal(1, queue.Waiting);
        time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.True(queue.Reader.TryRead(out var first));

        Assert.Equal(DispatchResult.Queued, await pending);
        Assert.Equal("Ev1", ((MentionWork)first).EventId);
        Assert.True(queue.Reader.TryRead(out var second));
        Assert.Equal("Ev2", ((MentionWork)second).EventId);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task HandleAsync_QueueStaysFullForTheWait_QueueFullAndTheRetryIsQueued()
    {
        var time = new FakeTimeProvider();
        var (sut, queue) = CreateSut(capacity: 1, time: time);
        await sut.HandleAsync(Envelope("Ev1", Mention()));

        var pending = sut.HandleAsync(Envelope("Ev2", Mention()));
        time.Advance(TimeSpan.FromMilliseconds(1500));
        var refused = await pending;
        queue.Reader.TryRead(out _);
        var retry = await sut.HandleAsync(Envelope("Ev2", Mention()), retryNum: 1, retryReason: "http_error");

        Assert.Equal(DispatchResult.QueueFull, refused);
        Assert.Equal(DispatchResult.Queued, retry);
        Assert.True(queue.Reader.TryRead(out var work));
        Assert.Equal("Ev2", ((MentionWork)work).EventId);
    }

    [Fact]
    public async Task HandleAsync_CallerGoesAwayWhileWaiting_ThrowsAndTheRetryIsQueued()
    {
        var (sut, queue) = CreateSut(capacity: 1, time: new FakeTimeProvider());
        await sut.HandleAsync(Envelope("Ev1", Mention()));
        using var aborted = new CancellationTokenSource();

        var pending = sut.HandleAsync(Envelope("Ev2", Mention()), cancellationToken: aborted.Token);
        await aborted.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        queue.Reader.TryRead(out _);
        var retry = await sut.HandleAsync(Envelope("Ev2", Mention()), retryNum: 1);

        Assert.Equal(DispatchResult.Queued, retry);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task HandleAsync_ShutdownWhileWaiting_QueueFullAndLogsShuttingDown()
    {
        var logger = new ListLogger<SlackEventDispatcher>();
        var (sut, queue) = CreateSut(capacity: 1, time: new FakeTimeProvider(), logger: logger);
        await sut.HandleAsync(Envelope("Ev1", Mention()));

        var pending = sut.HandleAsync(Envelope("Ev2", Mention()));
        queue.Complete();

        Assert.Equal(DispatchResult.QueueFull, await pending);
        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("shutting down", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, LogLevel.Warning, "Slack will retry it")]
    [InlineData(2, LogLevel.Warning, "Slack will retry it")]
    [InlineData(3, LogLevel.Error, "the question is lost")]
    public async Task HandleAsync_Refused_LogsWarningUntilSlacksLastRetryThenError(int retryNum, LogLevel level, string says)
    {
        var logger = new ListLogger<SlackEventDispatcher>();
        var (sut, _) = CreateSut(capacity: 1, wait: TimeSpan.Zero, logger: logger);
        await sut.HandleAsync(Envelope("Ev1", Mention()));

        await sut.HandleAsync(Envelope("Ev2", Mention(channel: "C42")), retryNum: retryNum);

        var line = Assert.Single(logger.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Equal(level, line.Level);
        Assert.Contains(says, line.Message, StringComparison.Ordinal);
        Assert.Contains("Ev2", line.Message, StringComparison.Ordinal);
        Assert.Contains("C42", line.Message, StringComparison.Ordinal);
        Assert.Contains(retryNum.ToString(System.Globalization.CultureInfo.InvariantCulture), line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret question", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_EventWithoutId_Invalid()
    {
        var (sut, _) = CreateSut();

        var result = await sut.HandleAsync(Envelope(null, new SlackEvent { Type = "app_mention", User = "U1", Text = "x", Ts = "1.0", Channel = "C1" }));

        Assert.Equal(DispatchResult.Invalid, result);
    }

    [Theory]
    [InlineData(true, "what if we were 50 engineers?", null, "followup")]
    [InlineData(false, "what if we were 50 engineers?", null, null)]
    [InlineData(true, "sounds good", null, null)]
    [InlineData(true, "<@UBEN> what do you think?", null, null)]
    [InlineData(true, "what if we were 50 engineers?", "BOTHER", null)]
    public async Task HandleAsync_ThreadReplyWithoutMention_QueuedAsAFollowUpOnlyWhenOnAndAQuestionFromAPerson(bool on, string text, string? botId, string? origin)
    {
        var (sut, queue) = CreateSut(followUps: on);

        await sut.HandleAsync(Envelope("Ev1", new SlackEvent { Type = "message", ChannelType = "channel", User = "U1", BotId = botId, Text = text, Ts = "2.0", ThreadTs = "1.0", Channel = "C1" }));

        Assert.Equal(origin, queue.Reader.TryRead(out var work) ? ((MentionWork)work).Origin : null);
    }

    [Theory]
    [InlineData("home", true)]
    [InlineData("messages", false)]
    public async Task HandleAsync_AppHomeOpened_QueuesTheHomeTabOnlyForTheHomeTab(string tab, bool queued)
    {
        var (sut, queue) = CreateSut();
        var opened = new SlackEvent { Type = "app_home_opened", User = "U1", Tab = tab, Channel = "D1", EventTs = "1.0" };

        var first = await sut.HandleAsync(Envelope("EvHome", opened));
        var again = await sut.HandleAsync(Envelope("EvHome", opened));

        Assert.Equal(queued ? DispatchResult.Queued : DispatchResult.Ignored, first);
        Assert.Equal(queued ? DispatchResult.Duplicate : DispatchResult.Ignored, again);
        Assert.Equal(queued, queue.Reader.TryRead(out var work) && work is HomeWork { User: "U1" });
    }

    private static EventEnvelope Envelope(string? id, SlackEvent e) => new() { Type = EventEnvelope.EventCallback, EventId = id, Event = e };

    private static SlackEvent Mention(string channel = "C1") =>
        new() { Type = "app_mention", User = "U1", Text = "<@UBOT> secret question", Ts = "1.0", Channel = channel };

    private static (SlackEventDispatcher Sut, SlackWorkChannel Queue) CreateSut(
        int capacity = 10,
        TimeSpan? wait = null,
        TimeProvider? time = null,
        ILogger<SlackEventDispatcher>? logger = null,
        bool followUps = false)
    {
        var options = Options.Create(new SlackOptions { MentionQueueCapacity = capacity, EnqueueWait = wait ?? TimeSpan.FromMilliseconds(1500) });
        var queue = new SlackWorkChannel(options);
        time ??= TimeProvider.System;
        var sut = new SlackEventDispatcher(
            new InMemoryEventDeduplicator(options, time),
            queue,
            new BotIdentity("UBOT"),
            options,
            time,
            logger ?? NullLogger<SlackEventDispatcher>.Instance,
            Options.Create(new SlackConversationOptions { FollowUpsWithoutMention = followUps }));
        return (sut, queue);
    }
}
