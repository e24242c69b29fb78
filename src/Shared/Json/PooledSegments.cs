using System.Buffers;
using System.IO.Pipelines;

namespace Ecommerce.Shared.Json;

/// <summary>
/// Bytes written into pooled 16 KiB pieces instead of one growing array. A large body (a bulk import's answer, ~4 MB for
/// 10,000 orders) then never touches the large object heap, which only a full collection frees: rendered as one array it
/// cost ~21 MB of large objects per import (every doubling of the buffer, then the copy) and the process's peak memory
/// with them. Small bodies fit in the first piece, as before.
/// </summary>
public sealed class PooledSegments : IBufferWriter<byte>, IDisposable
{
    private const int PieceSize = 16 * 1024;
    private const int FlushEvery = 64 * 1024; // a large body leaves in sends of this size, so Kestrel buffers no more of it
    private List<(byte[] Piece, int Used)>? _full;
    private byte[]? _current;
    private int _used;

    /// <summary>All bytes written so far.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        _used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint).AsMemory(_used);

    public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint).AsSpan(_used);

    /// <summary>Writes every byte to <paramref name="writer"/> and flushes it.</summary>
    public async ValueTask CopyToAsync(PipeWriter writer)
    {
        var unflushed = 0;
        foreach (var (piece, used) in _full ?? [])
        {
            writer.Write(piece.AsSpan(0, used));
            if ((unflushed += used) < FlushEvery) continue;
            await writer.FlushAsync();
            unflushed = 0;
        }
        if (_current is not null) writer.Write(_current.AsSpan(0, _used));
        await writer.FlushAsync();
    }

    public void Dispose()
    {
        foreach (var (piece, _) in _full ?? []) ArrayPool<byte>.Shared.Return(piece);
        if (_current is not null) ArrayPool<byte>.Shared.Return(_current);
        _full = null;
        _current = null;
    }

    private byte[] Room(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _used >= needed) return _current;
        if (_current is not null)
        {
            if (_used > 0) (_full ??= []).Add((_current, _used));
            else ArrayPool<byte>.Shared.Return(_current);
        }
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(needed, PieceSize));
        _used = 0;
        return _current;
    }
}
