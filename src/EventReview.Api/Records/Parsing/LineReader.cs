using System.Buffers;
using System.Text;

namespace EventReview.Records.Parsing;

internal readonly record struct TextLine(int Number, string Text, string? Problem)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>
/// Reads physical lines (LF, CRLF or CR) with 1-based numbers. Unlike TextReader.ReadLine it never holds more
/// than the line cap, and it flags lines that look binary (a NUL, or many control characters).
/// </summary>
internal sealed class LineReader(TextReader reader, int maxLineLength)
{
    private readonly char[] buffer = new char[8192];
    private readonly StringBuilder text = new();
    private int position;
    private int length;
    private int lineNumber;

    /// <summary>Every character the fast path leaves to the careful one: line ends, controls, DEL and a byte-order mark.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(c => (char)c).Where(c => c != '\t'), '\u007F', '\uFEFF']);

    public bool TryRead(out TextLine line)
    {
        // Most lines are plain text already in the buffer: one string straight from it.
        var rest = buffer.AsSpan(position, length - position);
        var end = rest.IndexOfAny(Special);
        if (end >= 0 && end <= maxLineLength && rest[end] is '\n' or '\r')
        {
            var plain = new string(rest[..end]);
            position += end + 1;
            if (rest[end] == '\r' && Peek() == '\n') position++;
            line = new TextLine(++lineNumber, plain, null);
            return true;
        }

        text.Clear();
        var tooLong = false;
        var controls = 0;
        var nul = false;
        var any = false;
        while (true)
        {
            var c = Next();
            if (c < 0)
            {
                if (!any)
                {
                    line = default;
                    return false;
                }

                break;
            }

            any = true;
            if (c == '\n')
            {
                break;
            }

            if (c == '\r')
            {
                if (Peek() == '\n')
                {
                    position++;
                }

                break;
            }

            if (c == '\uFEFF' && lineNumber == 0 && text.Length == 0)
            {
                continue;
            }

            if (TextChecks.IsControl((char)c))
            {
                // A stray control character in real text reads as a space; many of them mean binary data.
                controls++;
                nul |= c == 0;
                c = ' ';
            }

            if (text.Length < maxLineLength)
            {
                text.Append((char)c);
            }
            else
            {
                tooLong = true;
            }
        }

        lineNumber++;
        var problem = TextChecks.LooksBinary(controls, nul, text.Length) ? TextChecks.BinaryMessage
            : tooLong ? $"line is longer than {maxLineLength} characters"
            : null;
        line = new TextLine(lineNumber, text.ToString(), problem);
        return true;
    }

    private int Next()
    {
        if (position == length && !Fill())
        {
            return -1;
        }

        return buffer[position++];
    }

    private int Peek() => position == length && !Fill() ? -1 : buffer[position];

    private bool Fill()
    {
        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        return length > 0;
    }
}

internal static class TextChecks
{
    public const string BinaryMessage = "line contains control characters (binary data?)";

    public static bool IsControl(char c) => (c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == '\u007F';

    /// <summary>Text is taken for binary data when it has a NUL, or when more than one character in twenty is a control.</summary>
    public static bool LooksBinary(int controls, bool nul, int characters) => controls > 0 && (nul || controls * 20 > characters);
}
