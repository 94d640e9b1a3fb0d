namespace EventReview.Records.Parsing;

/// <summary>Gives back the characters already read for format detection, then continues with the rest of the input.</summary>
internal sealed class ReplayTextReader(char[] head, int headLength, TextReader rest) : TextReader
{
    private int position;

    public override int Peek() => position < headLength ? head[position] : rest.Peek();

    public override int Read() => position < headLength ? head[position++] : rest.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (position >= headLength)
        {
            return rest.Read(buffer);
        }

        var n = Math.Min(buffer.Length, headLength - position);
        head.AsSpan(position, n).CopyTo(buffer);
        position += n;
        return n;
    }
}
