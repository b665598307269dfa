using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PickBot.Core.Semantic;

/// <summary>
/// Knowledge vectors kept on disk between starts, keyed by model and text hash, so a restart or a reload embeds only
/// the texts that changed. One append-only file per model: a record is the first 16 bytes of SHA-256(model, text)
/// and the vector as little-endian floats. A torn last record (a crash mid-write) is ignored and written again.
/// </summary>
public sealed class VectorCache
{
    private const int KeySize = 16;

    private readonly string? _path;
    private readonly int _dimensions;
    private readonly string _model;
    private readonly Dictionary<UInt128, float[]> _vectors = [];
    private readonly Lock _gate = new();

    private VectorCache(string? path, string model, int dimensions)
    {
        _path = path;
        _model = model;
        _dimensions = dimensions;
    }

    /// <summary>A cache that keeps nothing between starts.</summary>
    public static VectorCache InMemory(string model, int dimensions) => new(null, model, dimensions);

    /// <summary>Opens (or starts) the cache file for a model in a directory, reading every whole record it holds.</summary>
    public static VectorCache Open(string directory, string model, int dimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(model);
        Directory.CreateDirectory(directory);
        var name = string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var cache = new VectorCache(Path.Combine(directory, $"{name}-{dimensions}.vectors"), model, dimensions);
        cache.Read();
        return cache;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _vectors.Count;
            }
        }
    }

    public bool TryGet(string text, out float[] vector)
    {
        lock (_gate)
        {
            return _vectors.TryGetValue(Key(text), out vector!);
        }
    }

    /// <summary>Adds vectors just computed, in memory and at the end of the file.</summary>
    public void Add(IReadOnlyList<(string Text, float[] Vector)> computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var record = KeySize + (_dimensions * sizeof(float));
        var buffer = new byte[computed.Count * record];
        var count = 0;
        lock (_gate)
        {
            foreach (var (text, vector) in computed)
            {
                if (vector.Length != _dimensions || !_vectors.TryAdd(Key(text), vector))
                {
                    continue;
                }

                var at = buffer.AsSpan(count++ * record, record);
                BinaryPrimitives.WriteUInt128LittleEndian(at, Key(text));
                MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(at[KeySize..]);
            }

            if (_path is null || count == 0)
            {
                return;
            }

            // One write per batch, appended: a second process appending at the same time adds whole records too.
            using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(buffer, 0, count * record);
        }
    }

    private void Read()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        var record = KeySize + (_dimensions * sizeof(float));
        using var file = new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var buffer = new byte[record];
        while (file.ReadAtLeast(buffer, record, throwOnEndOfStream: false) == record)
        {
            var vector = new float[_dimensions];
            MemoryMarshal.Cast<byte, float>(buffer.AsSpan(KeySize)).CopyTo(vector);
            _vectors[BinaryPrimitives.ReadUInt128LittleEndian(buffer)] = vector;
        }
    }

    private UInt128 Key(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(_model + "\n" + text);
        SHA256.HashData(bytes, hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
