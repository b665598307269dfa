using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PickBot.Slack.Commands;
using PickBot.Slack.Events;
using PickBot.Slack.Formatting;
using PickBot.Slack.Hosting;
using PickBot.Slack.Interactions;

namespace PickBot.Slack.Tests.Properties;

/// <summary>
/// What arrives at the Slack endpoints is untrusted until the signature is checked, and malformed even after it when a
/// proxy or a bug mangles it. The parsers either succeed or throw exactly the exception the endpoint turns into a 400
/// (forms: InvalidDataException; JSON: JsonException); anything else would be a 500 and Slack's retries.
/// </summary>
[Properties(MaxTest = 300)]
public sealed class PayloadParsingProperties
{
    private static readonly string[] FormPieces =
    [
        "&", "=", "%", "%ZZ", "%E2%82", "%F0%9F%98%80", "+", "%00", "command=%2Fpick", "user_id=U1", "channel_id=C1", "text=",
        "text=mtl+vs+stl", "payload=", "payload=%7B", "ssl_check=1", "==", "&&", "\u0000", "\uD800", "é", "<@U1>", "%2", "a",
    ];

    private static readonly Lazy<string[]> Fixtures = new(() => Directory
        .EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json")
        .Select(File.ReadAllText)
        .ToArray());

    [Property]
    public void FormThenCommand_AnyBytes_ParsedOrRejectedAsInvalidData(byte[] body) => AssertForm(body ?? []);

    [Property]
    public Property FormThenCommand_FormLikeText_ParsedOrRejectedAsInvalidData() => Prop.ForAll(
        Gen.ArrayOf(Gen.Elements(FormPieces), 0).Select(parts => string.Concat(parts)).ToArbitrary(),
        text => AssertForm(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Form_ThousandsOfFields_RejectedAsInvalidData()
    {
        var body = string.Join('&', Enumerable.Range(0, 5000).Select(i => $"f{i}=x"));

        AssertForm(Encoding.UTF8.GetBytes(body));
    }

    [Property]
    public Property Json_MutatedFixtures_ParsedOrRejectedAsJsonException() => Prop.ForAll(
        Gen.Choose(0, Fixtures.Value.Length - 1)
            .SelectMany(i => Gen.Choose(0, Fixtures.Value[i].Length).SelectMany(at => Gen.Choose(0, 40).SelectMany(cut =>
                Gen.Elements("", "{", "}", "[", "]", "\"", ",", ":", "null", "1e999", "-0", "\"\\u0000\"", "true", "{\"event\":null}", "\\", "\uD800")
                    .Select(insert => (File: i, At: at, Cut: cut, Insert: insert)))))
            .ToArbitrary(),
        m =>
        {
            var text = Fixtures.Value[m.File];
            var end = Math.Min(text.Length, m.At + m.Cut);
            var json = text[..m.At] + m.Insert + text[end..];
            AssertJson(json);
        });

    [Property]
    public void Json_AnyString_ParsedOrRejectedAsJsonException(NonNull<string> text)
    {
        AssertJson(text.Get);
    }

    [Property]
    public void TextHelpers_AnyString_ReturnValues(string? text)
    {
        _ = AnswerReference.Decode(text);
        _ = PickRequest.Parse(text);
        Assert.NotNull(MentionText.StripBotMention(text ?? string.Empty, "UPICKBOT"));
    }

    private static void AssertForm(byte[] body)
    {
        try
        {
            var form = SlackForm.Parse(body);
            _ = SlashCommand.FromForm(form);
            _ = SlackForm.Field(form, "payload");
        }
        catch (InvalidDataException)
        {
            // The endpoints answer 400.
        }
    }

    /// <summary>Parses the way the endpoints do: events from the body's bytes, interactions from the form's payload field.</summary>
    private static void AssertJson(string json)
    {
        // Text arrives as UTF-8 bytes, so a lone surrogate has already become U+FFFD by the time it is parsed.
        var bytes = Encoding.UTF8.GetBytes(json);
        try
        {
            _ = JsonSerializer.Deserialize<EventEnvelope>(bytes, SlackJson.Options);
        }
        catch (JsonException)
        {
            // The events endpoint answers 400.
        }

        try
        {
            var form = SlackForm.Parse(Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(bytes))));
            _ = JsonSerializer.Deserialize<BlockActionsPayload>(SlackForm.Field(form, "payload") ?? string.Empty, SlackJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            // The interactions endpoint answers 400.
        }
    }
}
