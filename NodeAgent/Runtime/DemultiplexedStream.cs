using System.Runtime.InteropServices;
using Docker.DotNet;

namespace EventOrch.NodeAgent.Runtime;

/// <summary>Docker's multiplexed stdout/stderr frames read as one plain stream, frame by frame as they arrive, so a
/// followed log flows to the reader without being buffered to the end.</summary>
internal sealed class DemultiplexedStream(MultiplexedStream source) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        count == 0 ? 0 : (await source.ReadOutputAsync(buffer, offset, count, cancellationToken)).Count;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
            return await ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken);
        var copy = new byte[buffer.Length];
        var read = await ReadAsync(copy, 0, copy.Length, cancellationToken);
        copy.AsMemory(0, read).CopyTo(buffer);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) source.Dispose();
        base.Dispose(disposing);
    }
}
