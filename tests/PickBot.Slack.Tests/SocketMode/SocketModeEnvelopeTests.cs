using System.Text;
using System.Text.Json;
using PickBot.Slack.SocketMode;
using PickBot.Testing;

namespace PickBot.Slack.Tests.SocketMode;

public sealed class SocketModeEnvelopeTests
{
    [Fact]
    public void Parse_EventsApiEnvelope_ReadsIdPayloadAndRetry()
    {
        var envelope = Parse(SocketEnvelopes.AppMention("e-1", "Ev9", "hello", retryAttempt: 2));

        Assert.NotNull(envelope);
        Assert.Equal(SocketModeEnvelope.EventsApi, envelope.Type);
        Assert.Equal("e-1", envelope.EnvelopeId);
        Assert.True(envelope.NeedsAck);
        Assert.False(envelope.AcceptsResponsePayload);
        Assert.Equal(2, envelope.RetryAttempt);
        Assert.Equal("timeout", envelope.RetryReason);
        Assert.Equal("Ev9", envelope.Payload.GetProperty("event_id").GetString());
    }

    [Fact]
    public void Parse_SlashCommand_AcceptsResponsePayload()
    {
        var envelope = Parse(SocketEnvelopes.SlashCommand("e-2", "list"));

        Assert.True(envelope!.AcceptsResponsePayload);
        Assert.Equal("list", envelope.Payload.GetProperty("text").GetString());
    }

    [Fact]
    public void Parse_HelloAndDisconnect_NeedNoAck()
    {
        var hello = Parse("""{"type":"hello","num_connections":3,"connection_info":{"app_id":"A1"}}""");
        var disconnect = Parse("""{"type":"disconnect","reason":"refresh_requested"}""");

        Assert.False(hello!.NeedsAck);
        Assert.Equal(3, hello.NumConnections);
        Assert.Equal(JsonValueKind.Undefined, hello.Payload.ValueKind);
        Assert.Equal("refresh_requested", disconnect!.Reason);
    }

    [Theory]
    [InlineData("not json", "malformed JSON")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("""{"envelope_id":"x"}""", "without a type")]
    [InlineData("""{"type":42}""", "without a type")]
    public void Parse_NotAnEnvelope_ReturnsNullWithReason(string json, string reason)
    {
        var envelope = SocketModeEnvelope.Parse(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(envelope);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    private static SocketModeEnvelope? Parse(string json) => SocketModeEnvelope.Parse(Encoding.UTF8.GetBytes(json), out _);
}
