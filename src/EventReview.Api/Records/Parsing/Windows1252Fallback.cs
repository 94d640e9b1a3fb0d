namespace EventReview.Records.Parsing;

/// <summary>
/// Reads each byte that is not part of valid UTF-8 as Windows-1252, the encoding of older exports (EndNote, Excel
/// CSV) that are not UTF-8. Valid UTF-8 is untouched; in a Windows-1252 file every accented letter or curly quote is
/// such a byte (its UTF-8 reading is invalid), so "M\xFCller" reads "Müller" rather than "M\uFFFDller".
/// </summary>
internal sealed class Windows1252Fallback : System.Text.DecoderFallback
{
    // 0x80-0x9F, where Windows-1252 differs from Latin-1; its five unassigned bytes keep their Latin-1 reading.
    private const string HighControls =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    public override int MaxCharCount => 4;

    public override System.Text.DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

    public static char Map(byte b) => b is >= 0x80 and <= 0x9F ? HighControls[b - 0x80] : (char)b;

    private sealed class Buffer : System.Text.DecoderFallbackBuffer
    {
        private string pending = "";
        private int position;

        public override int Remaining => pending.Length - position;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            pending = string.Concat(bytesUnknown.Select(Map));
            position = 0;
            return pending.Length > 0;
        }

        public override char GetNextChar() => position < pending.Length ? pending[position++] : '\0';

        public override bool MovePrevious()
        {
            if (position == 0) return false;
            position--;
            return true;
        }

        public override void Reset() => (pending, position) = ("", 0);
    }
}
