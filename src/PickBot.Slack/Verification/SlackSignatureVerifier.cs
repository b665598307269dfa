using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PickBot.Slack.Verification;

/// <summary>
/// Slack's request signing (v0): HMAC-SHA256 over <c>v0:{timestamp}:{raw body}</c> with the signing secret, compared in
/// constant time, and a timestamp within five minutes of now either way so a captured request cannot be replayed later.
/// </summary>
public sealed class SlackSignatureVerifier
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    private const string Version = "v0";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly byte[]? _key;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(string? signingSecret, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        // Slack says to use the secret as a UTF-8 string, not to decode it.
        _key = string.IsNullOrWhiteSpace(signingSecret) ? null : Encoding.UTF8.GetBytes(signingSecret.Trim());
        _time = time;
    }

    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (_key is null)
        {
            return SignatureCheck.NoSigningSecret;
        }

        if (string.IsNullOrWhiteSpace(timestamp))
        {
            return SignatureCheck.MissingTimestamp;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MalformedTimestamp;
        }

        var age = _time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (age > Window.TotalSeconds)
        {
            return SignatureCheck.StaleTimestamp;
        }

        if (-age > Window.TotalSeconds)
        {
            return SignatureCheck.FutureTimestamp;
        }

        if (string.IsNullOrWhiteSpace(signature))
        {
            return SignatureCheck.MissingSignature;
        }

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return SignatureCheck.UnsupportedVersion;
        }

        var expected = Compute(_key, timestamp, body);
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header value Slack would send for this body: "v0=" and the lower-case hex digest, as ASCII bytes.</summary>
    public static byte[] Compute(byte[] key, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.ASCII.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var digest = HMACSHA256.HashData(key, message);
        return Encoding.ASCII.GetBytes($"{Version}={Convert.ToHexStringLower(digest)}");
    }

    /// <summary>Signs a body the way Slack does; for tests and tools that play Slack.</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        return Encoding.ASCII.GetString(Compute(Encoding.UTF8.GetBytes(signingSecret), timestamp, body));
    }
}
