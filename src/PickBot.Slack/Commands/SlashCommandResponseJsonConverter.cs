using System.Text.Json;
using System.Text.Json.Serialization;
using PickBot.Slack.Blocks;

namespace PickBot.Slack.Commands;

/// <summary>
/// Writes a <see cref="SlashCommandResponse"/> field by field, as the serializer would from the record (snake_case,
/// nulls left out); with <see cref="BlockJsonConverter"/> the whole answer is written without the serializer's
/// general machinery. The same test that holds the block writer to the attributes holds this one to the record.
/// </summary>
internal sealed class SlashCommandResponseJsonConverter : JsonConverter<SlashCommandResponse>
{
    public override SlashCommandResponse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("PickBot writes slash command responses; it does not read them.");

    public override void Write(Utf8JsonWriter writer, SlashCommandResponse value, JsonSerializerOptions options) => WriteResponse(writer, value);

    public static void WriteResponse(Utf8JsonWriter writer, SlashCommandResponse value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.ResponseType is { } responseType)
        {
            writer.WriteString("response_type"u8, responseType);
        }

        if (value.Text is { } text)
        {
            writer.WriteString("text"u8, text);
        }

        BlockJsonConverter.WriteArray(writer, "blocks"u8, value.Blocks, BlockJsonConverter.WriteBlock);
        writer.WriteEndObject();
    }
}
