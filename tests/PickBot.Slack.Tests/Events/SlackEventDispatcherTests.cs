using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PickBot.Slack.Events;

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
        var (sut, queue) = CreateSut(capacity: 1);
        var e = new SlackEvent { Type = "app_mention", User = "U1", Text = "x", Ts = "1.0", Channel = "C1" };
        await sut.HandleAsync(Envelope("Ev1", e));

        var full = await sut.HandleAsync(Envelope("Ev2", e));
        queue.Reader.TryRead(out _);
        var later = await sut.HandleAsync(Envelope("Ev2", e), retryNum: 1);

        Assert.Equal(DispatchResult.QueueFull, full);
        Assert.Equal(DispatchResult.Queued, later);
    }

    [Fact]
    public async Task HandleAsync_EventWithoutId_Invalid()
    {
        var (sut, _) = CreateSut();

        var result = await sut.HandleAsync(Envelope(null, new SlackEvent { Type = "app_mention", User = "U1", Text = "x", Ts = "1.0", Channel = "C1" }));

        Assert.Equal(DispatchResult.Invalid, result);
    }

    private static EventEnvelope Envelope(string? id, SlackEvent e) => new() { Type = EventEnvelope.EventCallback, EventId = id, Event = e };

    private static (SlackEventDispatcher Sut, SlackWorkChannel Queue) CreateSut(int capacity = 10)
    {
        var options = Options.Create(new SlackOptions { MentionQueueCapacity = capacity });
        var queue = new SlackWorkChannel(options);
        var sut = new SlackEventDispatcher(new InMemoryEventDeduplicator(options, TimeProvider.System), queue, new BotIdentity("UBOT"), NullLogger<SlackEventDispatcher>.Instance);
        return (sut, queue);
    }
}
