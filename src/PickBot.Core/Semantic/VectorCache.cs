using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PickBot.Core.Semantic;

/// <summary>
/// Knowledge vectors kept on disk between starts, keyed by model and text hash, so a restart or a reload embeds only
/// the texts that changed. One append-only file per model and size: a 32-byte header (format, dimensions, model),
/// then records of the first 16 bytes of SHA-256(model, text), the vector as little-endian floats, and an XxHash3 of
/// both. Opening reads the whole file in large blocks into a hash index in memory. A file that is not this format, a
/// record whose checksum fails or a torn last record (a crash mid-write) costs only those vectors: they are dropped,
/// the file is rewritten without them, and they are embedded again. Nothing here throws on a bad file.
/// </summary>
/// <remarks>
/// Measured (docs/performance.md, "Meaning: warm start, memory and speed"): 133,906 vectors, a 209 MB file, open in
/// 0.7-0.9 s, of which reading and checking the file is under 0.2 s and the rest is allocating the vectors.
/// </remarks>
public sealed class VectorCache
{
    private const int KeySize = 16;
    private const int ChecksumSize = sizeof(ulong);
    private const int HeaderSize = 32;
    private const uint Magic = 0x43564250; // "PBVC"
    private const uint FormatVersion = 2;
    private const int BlockSize = 1 << 20;

    private readonly string? _path;
    private readonly int _dimensions;
    private readonly byte[] _modelPrefix;
    private readonly byte[] _header;
    private readonly Dictionary<UInt128, float[]> _vectors = [];
    private readonly Lock _gate = new();
    private bool _writable;

    private VectorCache(string? path, string model, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _path = path;
        _dimensions = dimensions;
        _modelPrefix = Encoding.UTF8.GetBytes(model + "\n");
        _header = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(_header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(8), dimensions);
        SHA256.HashData(Encoding.UTF8.GetBytes(model)).AsSpan(0, 16).CopyTo(_header.AsSpan(16));
        _writable = path is not null;
    }

    /// <summary>A cache that keeps nothing between starts.</summary>
    public static VectorCache InMemory(string model, int dimensions) => new(null, model, dimensions);

    /// <summary>
    /// Opens (or starts) the cache file for a model in a directory, reading every sound record it holds. Throws only
    /// when the directory or file cannot be created or opened at all (the caller keeps the vectors in memory then).
    /// </summary>
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

    /// <summary>What opening found wrong with the file and mended (for one log line), or null when it was sound.</summary>
    public string? Repaired { get; private set; }

    /// <summary>Why vectors are no longer written to disk (the file could not be written), or null.</summary>
    public string? WriteFailure { get; private set; }

    private int RecordSize => KeySize + (_dimensions * sizeof(float)) + ChecksumSize;

    public bool TryGet(string text, out float[] vector)
    {
        var key = Key(text);
        lock (_gate)
        {
            return _vectors.TryGetValue(key, out vector!);
        }
    }

    /// <summary>
    /// Adds vectors just computed, in memory and at the end of the file. When the file cannot be written (a full
    /// disk, a read-only folder) they stay in memory: the cache never fails the caller.
    /// </summary>
    public void Add(IReadOnlyList<(string Text, float[] Vector)> computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var record = RecordSize;
        var keys = new UInt128[computed.Count];
        for (var i = 0; i < computed.Count; i++)
        {
            keys[i] = Key(computed[i].Text);
        }

        lock (_gate)
        {
            var buffer = new byte[computed.Count * record];
            var kept = 0;
            for (var i = 0; i < computed.Count; i++)
            {
                // The caller's own array is kept (the index holds the same one); a vector already held is not
                // written twice.
                var vector = computed[i].Vector;
                if (vector.Length == _dimensions && _vectors.TryAdd(keys[i], vector))
                {
                    Write(buffer.AsSpan(kept++ * record, record), keys[i], vector);
                }
            }

            if (!_writable || kept == 0)
            {
                return;
            }

            try
            {
                // One write per batch, appended: a second process appending at the same time adds whole records too.
                using var file = new FileStream(_path!, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
                if (file.Length == 0)
                {
                    file.Write(_header);
                }

                file.Seek(0, SeekOrigin.End);
                file.Write(buffer, 0, kept * record);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _writable = false;
                WriteFailure = e.Message;
            }
        }
    }

    private void Read()
    {
        using var file = OpenFile();
        var length = file.Length;
        if (length == 0)
        {
            if (file.CanWrite)
            {
                file.Write(_header);
            }

            return;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        if (length < HeaderSize || file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize || !header.SequenceEqual(_header))
        {
            Repaired = "not a vector file of this format, model and size: started again";
            Rewrite(file);
            return;
        }

        var record = RecordSize;
        var records = (length - HeaderSize) / record;
        var torn = (length - HeaderSize) % record != 0;
        var damaged = 0L;
        _vectors.EnsureCapacity((int)Math.Min(records, Array.MaxLength));
        var block = new byte[Math.Max(1, BlockSize / record) * record];
        for (var done = 0L; done < records;)
        {
            // Another process may rewrite the file meanwhile: a short read ends it like a torn record.
            var want = (int)Math.Min(records - done, block.Length / record) * record;
            var got = file.ReadAtLeast(block.AsSpan(0, want), want, throwOnEndOfStream: false);
            var take = got / record;
            torn |= got < want;

            for (var i = 0; i < take; i++)
            {
                var at = block.AsSpan(i * record, record);
                if (XxHash3.HashToUInt64(at[..^ChecksumSize]) != BinaryPrimitives.ReadUInt64LittleEndian(at[^ChecksumSize..]))
                {
                    damaged++;
                    continue;
                }

                _vectors[BinaryPrimitives.ReadUInt128LittleEndian(at)] = VectorOf(at);
            }

            done += take;
            if (got < want)
            {
                break;
            }
        }

        if (damaged > 0 || torn)
        {
            Repaired = damaged > 0
                ? $"{damaged} damaged vector records dropped{(torn ? " and a torn last one" : string.Empty)}"
                : "a torn last vector record dropped";
            Rewrite(file);
        }
    }

    private FileStream OpenFile()
    {
        try
        {
            return new FileStream(_path!, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (UnauthorizedAccessException e) when (File.Exists(_path))
        {
            // A file someone made read-only still gives its vectors; new ones stay in memory.
            _writable = false;
            WriteFailure = e.Message;
            return new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }
    }

    // Writes the file again from what was read: the header, then every sound record. Appends then stay aligned on
    // whole records, and a damaged record is not read again at every start.
    private void Rewrite(FileStream file)
    {
        if (!file.CanWrite)
        {
            return;
        }

        file.SetLength(0);
        file.Write(_header);
        var record = RecordSize;
        var block = new byte[Math.Max(1, BlockSize / record) * record];
        var used = 0;
        foreach (var (key, vector) in _vectors)
        {
            Write(block.AsSpan(used, record), key, vector);
            used += record;
            if (used == block.Length)
            {
                file.Write(block, 0, used);
                used = 0;
            }
        }

        file.Write(block, 0, used);
    }

    private static void Write(Span<byte> at, UInt128 key, float[] vector)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(at, key);
        MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(at[KeySize..]);
        BinaryPrimitives.WriteUInt64LittleEndian(at[^ChecksumSize..], XxHash3.HashToUInt64(at[..^ChecksumSize]));
    }

    private float[] VectorOf(ReadOnlySpan<byte> record)
    {
        var vector = new float[_dimensions];
        MemoryMarshal.Cast<byte, float>(record[KeySize..^ChecksumSize]).CopyTo(vector);
        return vector;
    }

    private UInt128 Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var size = _modelPrefix.Length + Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        Span<byte> bytes = size <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            _modelPrefix.CopyTo(bytes);
            var used = _modelPrefix.Length + Encoding.UTF8.GetBytes(text, bytes[_modelPrefix.Length..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..used], hash);
            return BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
