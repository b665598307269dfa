using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PickBot.Slack.Blocks;
using PickBot.Slack.Commands;

namespace PickBot.Slack;

/// <summary>Slack's JSON conventions: snake_case names, absent rather than null, unknown fields ignored.</summary>
public static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = Create(handWrittenBlocks: true);

    /// <param name="handWrittenBlocks">
    /// Block Kit and slash command responses are written by <see cref="BlockJsonConverter"/> and
    /// <see cref="SlashCommandResponseJsonConverter"/> (the hot path of every answer). Without them, the serializer
    /// follows the attributes and the records: the specification the converters are tested against.
    /// </param>
    internal static JsonSerializerOptions Create(bool handWrittenBlocks)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,

            // The JSON goes to Slack, not into an HTML page: no need to turn <, > and emoji into \u escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        if (handWrittenBlocks)
        {
            options.Converters.Add(new BlockJsonConverter());
            options.Converters.Add(new SlashCommandResponseJsonConverter());

            // The converter writes the "type" discriminator itself; the attributes' polymorphism would refuse it.
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    static info =>
                    {
                        if (typeof(Block).IsAssignableFrom(info.Type))
                        {
                            info.PolymorphismOptions = null;
                        }
                    },
                },
            };
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
