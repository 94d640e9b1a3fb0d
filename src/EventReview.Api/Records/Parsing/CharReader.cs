using System.Text;

namespace EventReview.Records.Parsing;

/// <summary>
/// Character-level reader for the formats that are not line-oriented (BibTeX, CSV): tracks the 1-based line and
/// optionally captures the raw text of the current record, capped, with CR dropped so line endings do not change it.
/// </summary>
internal sealed class CharReader(TextReader reader, int maxCapture)
{
    private readonly char[] buffer = new char[8192];
    private readonly StringBuilder capture = new();
    private int position;
    private int length;
    private bool started;

    public int Line { get; private set; } = 1;

    private int controls;
    private int characters;
    private bool nulSeen;
    private int firstControlLine;

    /// <summary>
    /// Line of the first control character since <see cref="StartCapture"/> when the record looks binary
    /// (<see cref="TextChecks.LooksBinary"/>); 0 otherwise. A stray control character in real text, as some exports
    /// carry, is read as a space instead.
    /// </summary>
    public int ControlCharacterLine => TextChecks.LooksBinary(controls, nulSeen, characters) ? firstControlLine : 0;

    /// <summary>True while only blanks have been read since the last line break.</summary>
    public bool AtLineStart { get; private set; } = true;
    public bool Capturing { get; private set; }
    public bool CaptureOverflowed { get; private set; }

    public int Peek()
    {
        if (position == length && !Fill())
        {
            return -1;
        }

        if (!started)
        {
            started = true;
            if (buffer[position] == '\uFEFF')
            {
                position++;
                return Peek();
            }
        }

        return buffer[position];
    }

    public int Read()
    {
        var c = Peek();
        if (c < 0)
        {
            return -1;
        }

        position++;
        if (c == '\n')
        {
            Line++;
            AtLineStart = true;
        }
        else if (c is not ' ' and not '\t' and not '\r')
        {
            AtLineStart = false;
        }

        characters++;
        if (TextChecks.IsControl((char)c))
        {
            if (controls++ == 0) firstControlLine = Line;
            nulSeen |= c == 0;
            c = ' ';
        }

        if (Capturing && c != '\r')
        {
            if (capture.Length < maxCapture)
            {
                capture.Append((char)c);
            }
            else
            {
                CaptureOverflowed = true;
            }
        }

        return c;
    }

    public void StartCapture(string prefix = "")
    {
        capture.Clear().Append(prefix);
        Capturing = true;
        CaptureOverflowed = false;
        controls = characters = firstControlLine = 0;
        nulSeen = false;
    }

    public string EndCapture()
    {
        Capturing = false;
        return capture.ToString();
    }

    private bool Fill()
    {
        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        return length > 0;
    }
}
