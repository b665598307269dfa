namespace PickBot.Slack.Events;

/// <summary>The inner event: an <c>app_mention</c> or a <c>message</c>, with the fields both share.</summary>
public sealed record SlackEvent
{
    public string? Type { get; init; }

    public string? Subtype { get; init; }

    public string? User { get; init; }

    public string? BotId { get; init; }

    public string? Text { get; init; }

    public string? Ts { get; init; }

    public string? ThreadTs { get; init; }

    public string? Channel { get; init; }

    /// <summary>For message events: "im" for a direct message to the bot.</summary>
    public string? ChannelType { get; init; }

    public string? EventTs { get; init; }

    /// <summary>For app_home_opened: "home" or "messages".</summary>
    public string? Tab { get; init; }

    /// <summary>For tokens_revoked: whose tokens were revoked.</summary>
    public RevokedTokens? Tokens { get; init; }

    public const string AppMention = "app_mention";
    public const string Message = "message";
    public const string DirectMessageChannel = "im";
    public const string AppHomeOpened = "app_home_opened";
    public const string AppUninstalled = "app_uninstalled";
    public const string TokensRevoked = "tokens_revoked";
}

/// <summary>tokens_revoked's user ids: of user tokens (<c>oauth</c>) and of bot tokens (<c>bot</c>).</summary>
public sealed record RevokedTokens(IReadOnlyList<string>? Oauth = null, IReadOnlyList<string>? Bot = null);
