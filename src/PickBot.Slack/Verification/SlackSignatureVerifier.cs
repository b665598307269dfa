using System.Buffers;
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

    /// <summary>"v0=" and 64 hex digits.</summary>
    private const int SignatureLength = 3 + (HMACSHA256.HashSizeInBytes * 2);
    private const int StackMessageBytes = 1024;

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

        // Every request passes here, so nothing is allocated: the expected and the given value are compared as
        // stack bytes. A given value of another length, or not ASCII, cannot match.
        Span<byte> expected = stackalloc byte[SignatureLength];
        Write(_key, timestamp, body, expected);
        var given = signature.AsSpan().Trim();
        Span<byte> givenBytes = stackalloc byte[SignatureLength];
        return given.Length == SignatureLength
            && Ascii.ToLower(given, givenBytes, out _) == OperationStatus.Done
            && CryptographicOperations.FixedTimeEquals(expected, givenBytes)
            ? SignatureCheck.Valid
            : SignatureCheck.Mismatch;
    }

    /// <summary>The header value Slack would send for this body: "v0=" and the lower-case hex digest, as ASCII bytes.</summary>
    public static byte[] Compute(byte[] key, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timestamp);
        var value = new byte[SignatureLength];
        Write(key, timestamp, body, value);
        return value;
    }

    private static void Write(byte[] key, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // The signed message is "v0:{timestamp}:{body}"; small bodies (every slash command) are assembled on the stack.
        var length = Version.Length + 1 + Encoding.ASCII.GetByteCount(timestamp) + 1 + body.Length;
        byte[]? rented = null;
        var message = length <= StackMessageBytes ? stackalloc byte[StackMessageBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        message = message[..length];
        var at = Encoding.ASCII.GetBytes(Version, message);
        message[at++] = (byte)':';
        at += Encoding.ASCII.GetBytes(timestamp, message[at..]);
        message[at++] = (byte)':';
        body.CopyTo(message[at..]);

        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, message, digest);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        Span<char> hex = stackalloc char[HMACSHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(digest, hex, out _);
        at = Encoding.ASCII.GetBytes(Version, destination);
        destination[at++] = (byte)'=';
        Encoding.ASCII.GetBytes(hex, destination[at..]);
    }

    /// <summary>Signs a body the way Slack does; for tests and tools that play Slack.</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        return Encoding.ASCII.GetString(Compute(Encoding.UTF8.GetBytes(signingSecret), timestamp, body));
    }
}
