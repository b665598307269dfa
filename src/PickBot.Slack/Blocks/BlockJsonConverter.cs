using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PickBot.Slack.Blocks;

/// <summary>
/// Writes the Block Kit subset PickBot renders, field by field, exactly as the serializer would from the attributes on
/// <see cref="Block"/> (the discriminator first, then the fields in declaration order, nulls left out).
/// </summary>
/// <remarks>
/// Every answer is a dozen blocks; the serializer's general polymorphic path spent more CPU on them than the engine
/// spent finding the answer. The attributes stay the specification: a test serializes every kind of answer both ways
/// and requires the same bytes. PickBot never reads Block Kit, so reading is not supported.
/// </remarks>
internal sealed class BlockJsonConverter : JsonConverter<Block>
{
    /// <summary>
    /// Blocks made once and sent with many answers (an entry's own parts, see <c>AnswerBlocks</c>), each with the JSON
    /// this writer made of it under Slack's encoder: sending one again is a copy, not another round of escaping and
    /// transcoding its text. The table lets go of a block's JSON with the block.
    /// </summary>
    private static readonly ConditionalWeakTable<Block, byte[]> SharedJson = new();

    public override bool CanConvert(Type typeToConvert) => typeof(Block).IsAssignableFrom(typeToConvert);

    public override Block Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("PickBot writes Block Kit blocks; it does not read them.");

    public override void Write(Utf8JsonWriter writer, Block value, JsonSerializerOptions options) => WriteBlock(writer, value);

    /// <summary>Writes <paramref name="block"/>'s JSON now and keeps it for every later answer that sends it.</summary>
    public static T Share<T>(T block)
        where T : Block
    {
        var json = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = SlackJson.Options.Encoder }))
        {
            WriteFields(writer, block);
        }

        SharedJson.AddOrUpdate(block, json.WrittenSpan.ToArray());
        return block;
    }

    /// <summary>One block; a null block as JSON null, as the serializer writes a null list element.</summary>
    public static void WriteBlock(Utf8JsonWriter writer, Block? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        // The kept JSON is exact only for a writer that escapes and lays out text as the one that made it.
        if (SharedJson.TryGetValue(value, out var json) && !writer.Options.Indented && ReferenceEquals(writer.Options.Encoder, SlackJson.Options.Encoder))
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }

        WriteFields(writer, value);
    }

    private static void WriteFields(Utf8JsonWriter writer, Block value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case HeaderBlock header:
                writer.WriteString("type"u8, "header"u8);
                WriteText(writer, "text"u8, header.Text);
                break;
            case SectionBlock section:
                writer.WriteString("type"u8, "section"u8);
                WriteText(writer, "text"u8, section.Text);
                break;
            case ContextBlock context:
                writer.WriteString("type"u8, "context"u8);
                WriteArray(writer, "elements"u8, context.Elements, WriteText);
                break;
            case ActionsBlock actions:
                writer.WriteString("type"u8, "actions"u8);
                WriteArray(writer, "elements"u8, actions.Elements, WriteButton);
                break;
            case DividerBlock:
                writer.WriteString("type"u8, "divider"u8);
                break;
            default:
                throw new NotSupportedException($"No JSON writer for block type {value.GetType().Name}.");
        }

        if (value.BlockId is { } blockId)
        {
            writer.WriteString("block_id"u8, blockId);
        }

        writer.WriteEndObject();
    }

    /// <summary>A list property, each item by <paramref name="write"/>; a null list is left out, as nulls are.</summary>
    internal static void WriteArray<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T>? items, Action<Utf8JsonWriter, T?> write)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TextObject? text)
    {
        if (text is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        WriteText(writer, text);
    }

    private static void WriteText(Utf8JsonWriter writer, TextObject? text)
    {
        if (text is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        WriteOptional(writer, "type"u8, text.Type);
        WriteOptional(writer, "text"u8, text.Text);
        writer.WriteEndObject();
    }

    private static void WriteButton(Utf8JsonWriter writer, ButtonElement? button)
    {
        if (button is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        WriteText(writer, "text"u8, button.Text);
        WriteOptional(writer, "action_id"u8, button.ActionId);
        WriteOptional(writer, "value"u8, button.Value);
        WriteOptional(writer, "style"u8, button.Style);
        WriteOptional(writer, "type"u8, button.Type);
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
