using System.Buffers;
using System.IO.Pipelines;
using Ecommerce.Shared.Json;

namespace Ecommerce.UnitTests.Shared;

/// <summary>Bytes written in pieces come out whole and in order, however the writes fall across the pieces.</summary>
public sealed class PooledSegmentsTests
{
    [TestCase(0)]
    [TestCase(10)]
    [TestCase(16 * 1024)]
    [TestCase(200_000)]
    public async Task Given_bytes_written_in_uneven_spans_Then_the_copy_holds_exactly_them(int size)
    {
        var expected = new byte[size];
        new Random(size).NextBytes(expected);
        using var body = new PooledSegments();
        var random = new Random(7);
        for (var written = 0; written < size;)
        {
            var count = Math.Min(size - written, random.Next(1, 40_000));
            var span = body.GetSpan(random.Next(0, 2) == 0 ? 0 : count); // with and without a size hint
            count = Math.Min(count, span.Length);
            expected.AsSpan(written, count).CopyTo(span);
            body.Advance(count);
            written += count;
        }

        var copy = new MemoryStream();
        var writer = PipeWriter.Create(copy, new StreamPipeWriterOptions(leaveOpen: true));
        await body.CopyToAsync(writer);
        await writer.CompleteAsync();

        Assert.That(body.Length, Is.EqualTo(size));
        Assert.That(copy.ToArray(), Is.EqualTo(expected));
    }
}
