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

    /// <summary>Line of the first control character read since <see cref="StartCapture"/>; 0 when none.</summary>
    public int ControlCharacterLine { get; private set; }

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

        if (ControlCharacterLine == 0 && TextChecks.IsControl((char)c))
        {
            ControlCharacterLine = Line;
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
        ControlCharacterLine = 0;
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
