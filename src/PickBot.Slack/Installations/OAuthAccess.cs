using System.Text.Json;

namespace PickBot.Slack.Installations;

/// <summary>
/// What oauth.v2.access answered, for a code exchange or a token refresh. Holds tokens: <see cref="ToString"/> leaves
/// them out.
/// </summary>
public sealed record OAuthAccess(bool Ok, string? Error)
{
    public string? AccessToken { get; init; }

    public string? TokenType { get; init; }

    public string? Scope { get; init; }

    public string? BotUserId { get; init; }

    public string? AppId { get; init; }

    public string? TeamId { get; init; }

    public string? TeamName { get; init; }

    public string? EnterpriseId { get; init; }

    public string? EnterpriseName { get; init; }

    public bool IsEnterpriseInstall { get; init; }

    public string? AuthedUserId { get; init; }

    public string? RefreshToken { get; init; }

    public int? ExpiresIn { get; init; }

    public static OAuthAccess Failed(string error) => new(false, error);

    public override string ToString() => Ok ? $"ok: team {TeamId} (org {EnterpriseId}), bot {BotUserId}, scope {Scope}, expires_in {ExpiresIn}" : $"error {Error}";

    internal static OAuthAccess Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Failed("invalid_response");
        }

        var ok = root.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
        if (!ok)
        {
            return Failed(String(root, "error") ?? "unknown_error");
        }

        return new OAuthAccess(true, null)
        {
            AccessToken = String(root, "access_token"),
            TokenType = String(root, "token_type"),
            Scope = String(root, "scope"),
            BotUserId = String(root, "bot_user_id"),
            AppId = String(root, "app_id"),
            TeamId = Nested(root, "team", "id"),
            TeamName = Nested(root, "team", "name"),
            EnterpriseId = Nested(root, "enterprise", "id"),
            EnterpriseName = Nested(root, "enterprise", "name"),
            IsEnterpriseInstall = root.TryGetProperty("is_enterprise_install", out var org) && org.ValueKind == JsonValueKind.True,
            AuthedUserId = Nested(root, "authed_user", "id"),
            RefreshToken = String(root, "refresh_token"),
            ExpiresIn = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? seconds : null,
        };
    }

    private static string? Nested(JsonElement root, string parent, string name) =>
        root.TryGetProperty(parent, out var value) && value.ValueKind == JsonValueKind.Object ? String(value, name) : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
