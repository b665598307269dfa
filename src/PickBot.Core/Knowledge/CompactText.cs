using System.Collections;
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
/// A read-only list of strings stored as one UTF-8 array (each item's byte length, then its bytes), so a list of
/// pros or signals costs one small object and one array instead of a list, an array and a string per item.
/// </summary>
/// <remarks>
/// Reading an item walks the lengths before it: these lists hold a handful of items and are read for one entry at a
/// time. Equality is by reference, as it was for the lists this replaces.
/// </remarks>
internal sealed class Utf8List : IReadOnlyList<string>
{
    public static readonly Utf8List Empty = new([], 0);

    private readonly byte[] _data;

    private Utf8List(byte[] data, int count)
    {
        _data = data;
        Count = count;
    }

    public int Count { get; }

    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var at = 0;
            for (var i = 0; i < index; i++)
            {
                at = Skip(at);
            }

            return Read(ref at);
        }
    }

    public static IReadOnlyList<string> From(IReadOnlyList<string>? items)
    {
        if (items is Utf8List list)
        {
            return list;
        }

        if (items is null || items.Count == 0)
        {
            return Empty;
        }

        var size = 0;
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            var length = Encoding.UTF8.GetByteCount(item);
            size += LengthSize(length) + length;
        }

        var data = new byte[size];
        var at = 0;
        foreach (var item in items)
        {
            var length = Encoding.UTF8.GetByteCount(item);
            for (var rest = (uint)length; ; rest >>= 7)
            {
                data[at++] = (byte)(rest < 0x80 ? rest : (rest & 0x7F) | 0x80);
                if (rest < 0x80)
                {
                    break;
                }
            }

            at += Encoding.UTF8.GetBytes(item, data.AsSpan(at));
        }

        return new Utf8List(data, items.Count);
    }

    public IEnumerator<string> GetEnumerator()
    {
        var at = 0;
        for (var i = 0; i < Count; i++)
        {
            yield return Read(ref at);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int LengthSize(int length)
    {
        var size = 1;
        for (var rest = (uint)length; rest >= 0x80; rest >>= 7)
        {
            size++;
        }

        return size;
    }

    private int ReadLength(ref int at)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = _data[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return length;
            }
        }
    }

    private int Skip(int at)
    {
        var length = ReadLength(ref at);
        return at + length;
    }

    private string Read(ref int at)
    {
        var length = ReadLength(ref at);
        var text = Encoding.UTF8.GetString(_data, at, length);
        at += length;
        return text;
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
