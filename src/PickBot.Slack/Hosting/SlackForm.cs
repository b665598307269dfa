using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace PickBot.Slack.Hosting;

/// <summary>Slack's form bodies (slash commands, interaction payloads), decoded from the verified raw bytes.</summary>
public static class SlackForm
{
    public static Dictionary<string, StringValues> Parse(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
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
