using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace PickBot.Slack.Hosting;

/// <summary>Slack's form bodies (slash commands, interaction payloads), decoded from the verified raw bytes.</summary>
public static class SlackForm
{
    /// <summary>FormReader's limits: how many values, and how long a key or a value may be (in characters).</summary>
    internal const int ValueCountLimit = FormReader.DefaultValueCountLimit;
    internal const int KeyLengthLimit = FormReader.DefaultKeyLengthLimit;
    internal const int ValueLengthLimit = FormReader.DefaultValueLengthLimit;

    /// <summary>
    /// Reads <c>application/x-www-form-urlencoded</c> bytes exactly as ASP.NET Core's <see cref="FormReader"/> reads
    /// their UTF-8 text (same pairs, same decoding, same limits, same quirks), without decoding the whole body to a
    /// string first: every slash command passes here. A key is what comes before the next '=' and a value what comes
    /// before the next '&amp;'; a trailing key without '=' is dropped. Over a limit: <see cref="InvalidDataException"/>.
    /// </summary>
    public static Dictionary<string, StringValues> Parse(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var form = new Dictionary<string, StringValues>(16, StringComparer.OrdinalIgnoreCase);
        ReadOnlySpan<byte> rest = body;
        var count = 0;

        // '=' and '&' are ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte character, so splitting the
        // bytes splits the text at the same places.
        while (!rest.IsEmpty)
        {
            var equals = rest.IndexOf((byte)'=');
            if (equals < 0)
            {
                CheckLength(rest, KeyLengthLimit);
                break;
            }

            var key = rest[..equals];
            CheckLength(key, KeyLengthLimit);
            rest = rest[(equals + 1)..];
            var ampersand = rest.IndexOf((byte)'&');
            var value = ampersand < 0 ? rest : rest[..ampersand];
            CheckLength(value, ValueLengthLimit);
            rest = ampersand < 0 ? [] : rest[(ampersand + 1)..];

            var name = KnownKey(key) ?? Decode(key);
            form[name] = form.TryGetValue(name, out var values) ? StringValues.Concat(values, Decode(value)) : new StringValues(Decode(value));
            if (++count > ValueCountLimit)
            {
                throw new InvalidDataException($"Form value count limit {ValueCountLimit} exceeded.");
            }
        }

        return form;
    }

    /// <summary>The field names Slack sends, as shared strings: a slash command's eleven keys allocate nothing.</summary>
    private static string? KnownKey(ReadOnlySpan<byte> raw)
    {
        foreach (var (bytes, name) in KnownKeys)
        {
            if (raw.SequenceEqual(bytes))
            {
                return name;
            }
        }

        return null;
    }

    private static readonly (byte[] Bytes, string Name)[] KnownKeys =
    [
        .. new[]
        {
            "token", "team_id", "team_domain", "enterprise_id", "enterprise_name", "channel_id", "channel_name", "user_id",
            "user_name", "command", "text", "response_url", "trigger_id", "api_app_id", "is_enterprise_install", "payload",
            "ssl_check",
        }.Select(name => (Encoding.ASCII.GetBytes(name), name)),
    ];

    private static void CheckLength(ReadOnlySpan<byte> raw, int limit)
    {
        // Characters never outnumber bytes, so only a long run needs counting.
        if (raw.Length > limit && Encoding.UTF8.GetCharCount(raw) > limit)
        {
            throw new InvalidDataException($"Form key or value length limit {limit} exceeded.");
        }
    }

    /// <summary>'+' is a space, then %HH escapes are undone, as FormReader does (Uri.UnescapeDataString).</summary>
    private static string Decode(ReadOnlySpan<byte> raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        return raw.IndexOfAny((byte)'+', (byte)'%') < 0 ? text : Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    public static string? Field(Dictionary<string, StringValues> form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.TryGetValue(name, out var value) ? value.ToString() : null;
    }

    internal static bool IsSslCheck(byte[] body)
    {
        if (body.Length == 0 || body.Length > 4096 || body[0] == (byte)'{')
        {
            return false;
        }

        // Every slash command passes here: parse the form only when the field's name is in the body at all (Slack
        // writes it plainly; a name hidden behind percent-encoding is treated as an ordinary, signed request).
        // Form keys match regardless of case, so look in a lower-cased copy (the body is at most 4 KB here); a body
        // that is not ASCII goes to the parse.
        Span<byte> lower = stackalloc byte[body.Length];
        if (Ascii.ToLower(body, lower, out _) == OperationStatus.Done && lower.IndexOf("ssl_check"u8) < 0)
        {
            return false;
        }

        try
        {
            return Field(Parse(body), "ssl_check") == "1";
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
