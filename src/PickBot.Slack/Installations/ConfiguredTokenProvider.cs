using Microsoft.Extensions.Options;

namespace PickBot.Slack.Installations;

/// <summary>Single-workspace mode: <c>Slack:BotToken</c> for every call, whatever the team.</summary>
public sealed class ConfiguredTokenProvider(IOptions<SlackOptions> options) : ISlackTokenProvider
{
    public ValueTask<BotToken> GetBotTokenAsync(SlackTeam? team, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(options.Value.BotToken is { } token && !string.IsNullOrWhiteSpace(token) ? BotToken.Of(token) : BotToken.Missing("no_bot_token"));
}
