namespace PickBot.Slack.WebApi;

/// <summary>
/// What a Web API call came to: Slack's <c>ok</c> and <c>error</c>, or a transport failure after all retries (then
/// <see cref="Error"/> says what happened, e.g. "http_503" or "timeout"). A value, not an exception, so each caller
/// decides how to log an undelivered reply.
/// </summary>
public sealed record SlackApiResult(bool Ok, string? Error = null)
{
    public string? Channel { get; init; }

    public string? Ts { get; init; }

    /// <summary>auth.test: the bot's user id.</summary>
    public string? UserId { get; init; }

    public string? Warning { get; init; }

    public static SlackApiResult Failed(string error) => new(false, error);
}
