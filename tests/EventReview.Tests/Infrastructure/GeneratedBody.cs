using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace EventReview.Tests.Infrastructure;

/// <summary>
/// A request body generated as it is sent, never held in memory: <paramref name="prefix"/>, then
/// <paramref name="fill"/> bytes of 'a', then <paramref name="suffix"/>. Without <paramref name="declareLength"/> it goes
/// chunked, so the server learns its size only by reading it.
/// </summary>
public sealed class GeneratedBody : HttpContent
{
    private static readonly byte[] Filler = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();

    private readonly byte[] _prefix;
    private readonly long _fill;
    private readonly byte[] _suffix;
    private readonly bool _declareLength;

    public GeneratedBody(string prefix, long fill, string suffix, bool declareLength, string mediaType = "application/json")
    {
        (_prefix, _fill, _suffix, _declareLength) = (Encoding.UTF8.GetBytes(prefix), fill, Encoding.UTF8.GetBytes(suffix), declareLength);
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>A JSON object whose one string property holds <paramref name="length"/> letters.</summary>
    public static GeneratedBody JsonWithText(string property, long length, bool declareLength) =>
        new($"{{\"{property}\":\"", length, "\"}", declareLength);

    public long Length => _prefix.Length + _fill + _suffix.Length;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_prefix, cancellationToken);
        for (var left = _fill; left > 0; left -= Filler.Length)
            await stream.WriteAsync(Filler.AsMemory(0, (int)Math.Min(Filler.Length, left)), cancellationToken);
        await stream.WriteAsync(_suffix, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return _declareLength;
    }
}
