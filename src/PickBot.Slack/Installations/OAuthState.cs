using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using PickBot.Slack.Events;

namespace PickBot.Slack.Installations;

/// <summary>
/// The OAuth <c>state</c>, PickBot's defence against a forged or replayed install: a random nonce and the time it was
/// issued, protected with ASP.NET Core Data Protection (so only this app can have made it), bound to the browser by a
/// cookie holding the same nonce, good for <see cref="Lifetime"/>, and accepted once (claimed like an event id, so on
/// every replica when Redis is shared).
/// </summary>
public sealed class OAuthState(IDataProtectionProvider protection, IEventDeduplicator claims, TimeProvider time)
{
    public const string CookieName = "pickbot_oauth_state";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("PickBot.Slack.OAuthState.v1");

    /// <summary>A new state for the authorize link, and the nonce for the browser's cookie.</summary>
    public (string State, string Nonce) Issue()
    {
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(32));
        var issued = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return (_protector.Protect(nonce + "|" + issued), nonce);
    }

    public async Task<OAuthStateCheck> CheckAsync(string? state, string? cookieNonce, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(state))
        {
            return OAuthStateCheck.Missing;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(state);
        }
        catch (CryptographicException)
        {
            return OAuthStateCheck.Forged;
        }

        var parts = payload.Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs))
        {
            return OAuthStateCheck.Forged;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issuedMs);
        if (age > Lifetime || age < -TimeSpan.FromMinutes(1))
        {
            return OAuthStateCheck.Expired;
        }

        if (string.IsNullOrEmpty(cookieNonce)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(parts[0]), Encoding.UTF8.GetBytes(cookieNonce)))
        {
            return OAuthStateCheck.OtherBrowser;
        }

        return await claims.TryBeginAsync("oauth-state:" + parts[0], cancellationToken) ? OAuthStateCheck.Valid : OAuthStateCheck.Used;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum OAuthStateCheck
{
    Valid,
    Missing,
    Forged,
    Expired,
    OtherBrowser,
    Used,
}
