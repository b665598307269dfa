using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace PickBot.Core.Knowledge;

/// <summary>
/// Entry prose (pros, cons, use-when, because, sources) kept as UTF-8 and turned back into a string when read. A
/// library of 100,000 entries holds millions of these sentences but an answer reads those of one entry, so halving
/// their size (UTF-16 to UTF-8, no object per item of a list) matters and decoding a few hundred bytes does not.
/// </summary>
internal readonly struct Utf8Text : IEquatable<Utf8Text>
{
    private static readonly byte[] Nothing = [];

    private readonly byte[]? _bytes;

    public Utf8Text(string? text) => _bytes = string.IsNullOrEmpty(text) ? Nothing : Encoding.UTF8.GetBytes(text);

    public override string ToString() => _bytes is not { Length: > 0 } bytes ? string.Empty : Encoding.UTF8.GetString(bytes);

    // Same text, same value: the records compare these as they compared the strings they replace.
    public bool Equals(Utf8Text other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is Utf8Text other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    private ReadOnlySpan<byte> Bytes => _bytes;
}

/// <summary>
/// All the prose of one record (a side's use-when, pros, cons and examples; a rule's because and signals) as one
/// UTF-8 array: a record costs one array, not one per sentence and an object per list. The array is a run of fields,
/// each a count of items then each item's byte length and bytes; a single text is a field of one item (none when
/// empty). Reading a field walks the ones before it: a record has a handful and an answer reads one entry's.
/// </summary>
/// <remarks>Two blocks are equal when their texts are: records compare these as they compared their strings.</remarks>
internal readonly struct Utf8Block : IEquatable<Utf8Block>
{
    private readonly byte[]? _data;

    private Utf8Block(byte[] data) => _data = data;

    /// <summary>A block of the given fields, in order: each a list of texts (see <see cref="Text(string?)"/>).</summary>
    public static Utf8Block Of(params ReadOnlySpan<IReadOnlyList<string>?> fields)
    {
        var size = 0;
        foreach (var field in fields)
        {
            var count = field?.Count ?? 0;
            size += VarSize(count);
            for (var i = 0; i < count; i++)
            {
                var item = field![i];
                ArgumentNullException.ThrowIfNull(item, nameof(fields));
                var length = Encoding.UTF8.GetByteCount(item);
                size += VarSize(length) + length;
            }
        }

        var data = new byte[size];
        var at = 0;
        foreach (var field in fields)
        {
            var count = field?.Count ?? 0;
            WriteVar(data, ref at, count);
            for (var i = 0; i < count; i++)
            {
                var item = field![i];
                WriteVar(data, ref at, Encoding.UTF8.GetByteCount(item));
                at += Encoding.UTF8.GetBytes(item, data.AsSpan(at));
            }
        }

        return new Utf8Block(data);
    }

    /// <summary>A single text as a field: one item, or none when empty.</summary>
    public static IReadOnlyList<string> Text(string? text) => string.IsNullOrEmpty(text) ? [] : [text];

    /// <summary>The same block with one field replaced (the records' init setters, as in <c>with</c>).</summary>
    public Utf8Block With(int field, IReadOnlyList<string>? value)
    {
        var fields = new List<IReadOnlyList<string>?>();
        for (var at = 0; at < Data.Length; at = Skip(at))
        {
            fields.Add(fields.Count == field ? value : List(fields.Count).ToArray());
        }

        while (fields.Count <= field)
        {
            fields.Add(fields.Count == field ? value : null);
        }

        return Of(CollectionsMarshal.AsSpan(fields));
    }

    /// <summary>The field's only text, or empty.</summary>
    public string TextOf(int field) => Count(field) == 0 ? string.Empty : Item(field, 0);

    public int Count(int field)
    {
        var at = Seek(field);
        return at < Data.Length ? ReadVar(Data, ref at) : 0;
    }

    public string Item(int field, int index)
    {
        var at = Seek(field);
        var count = ReadVar(Data, ref at);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return Utf8List.ReadAt(_data!, at, index);
    }

    /// <summary>A read-only view of the field's items (decoded as they are read).</summary>
    public IReadOnlyList<string> List(int field)
    {
        var at = Seek(field);
        if (at >= Data.Length)
        {
            return Utf8List.Empty;
        }

        var count = ReadVar(Data, ref at);
        return count == 0 ? Utf8List.Empty : new Utf8List(_data!, at, count);
    }

    public bool Equals(Utf8Block other) => Data.SequenceEqual(other.Data);

    public override bool Equals(object? obj) => obj is Utf8Block other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Data);
        return hash.ToHashCode();
    }

    internal static int VarSize(int value)
    {
        var size = 1;
        for (var rest = (uint)value; rest >= 0x80; rest >>= 7)
        {
            size++;
        }

        return size;
    }

    internal static void WriteVar(byte[] data, ref int at, int value)
    {
        for (var rest = (uint)value; ; rest >>= 7)
        {
            data[at++] = (byte)(rest < 0x80 ? rest : (rest & 0x7F) | 0x80);
            if (rest < 0x80)
            {
                return;
            }
        }
    }

    internal static int ReadVar(ReadOnlySpan<byte> data, ref int at)
    {
        var value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private ReadOnlySpan<byte> Data => _data;

    private int Seek(int field)
    {
        var at = 0;
        for (var f = 0; f < field && at < Data.Length; f++)
        {
            at = Skip(at);
        }

        return at;
    }

    private int Skip(int at)
    {
        var count = ReadVar(Data, ref at);
        for (var i = 0; i < count; i++)
        {
            var length = ReadVar(Data, ref at);
            at += length;
        }

        return at;
    }
}

/// <summary>
/// A read-only view of a list of strings inside a <see cref="Utf8Block"/>: each item's byte length, then its bytes.
/// </summary>
/// <remarks>
/// Reading an item walks the lengths before it: these lists hold a handful of items and are read for one entry at a
/// time. Equality is by reference, as it was for the lists this replaces.
/// </remarks>
internal sealed class Utf8List : IReadOnlyList<string>
{
    public static readonly Utf8List Empty = new([], 0, 0);

    private readonly byte[] _data;
    private readonly int _start;

    public Utf8List(byte[] data, int start, int count)
    {
        _data = data;
        _start = start;
        Count = count;
    }

    public int Count { get; }

    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return ReadAt(_data, _start, index);
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        var at = _start;
        for (var i = 0; i < Count; i++)
        {
            var length = Utf8Block.ReadVar(_data, ref at);
            yield return Encoding.UTF8.GetString(_data, at, length);
            at += length;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Item <paramref name="index"/> of the items starting at <paramref name="at"/>.</summary>
    internal static string ReadAt(byte[] data, int at, int index)
    {
        for (var i = 0; i < index; i++)
        {
            var skipped = Utf8Block.ReadVar(data, ref at);
            at += skipped;
        }

        var length = Utf8Block.ReadVar(data, ref at);
        return Encoding.UTF8.GetString(data, at, length);
    }
}

/// <summary>Lists of records and identifiers kept at their exact size: no spare capacity, no list object.</summary>
internal static class ExactList
{
    public static IReadOnlyList<T> From<T>(IReadOnlyList<T>? items) => items switch
    {
        null or { Count: 0 } => Array.Empty<T>(),
        T[] array => array,
        _ => items.ToArray(),
    };

    /// <summary>The same list with each string replaced by the pool's copy (identifiers repeat across a library).</summary>
    public static IReadOnlyList<string> Share(IReadOnlyList<string> items, Text.StringPool strings)
    {
        if (items.Count == 0)
        {
            return Array.Empty<string>();
        }

        var shared = new string[items.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = strings.Get(items[i]);
        }

        return shared;
    }
}
