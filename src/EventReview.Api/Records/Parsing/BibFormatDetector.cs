using System.Text;
using System.Text.RegularExpressions;

namespace EventReview.Records.Parsing;

/// <summary>The format of an upload, recognised from its first lines; null when none fits.</summary>
public static partial class BibFormatDetector
{
    /// <summary>How much of the input detection looks at.</summary>
    public const int SampleLength = 64 * 1024;

    private const int MaxLinesExamined = 200;

    /// <summary>Reads a sample from a seekable stream and rewinds it to where it was.</summary>
    /// <exception cref="NotSupportedException">The stream cannot seek; use <see cref="Peek"/> on a reader instead.</exception>
    public static BibFormat? Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new NotSupportedException("Format detection needs a seekable stream; use BibFormatDetector.Peek on a TextReader instead.");
        }

        var start = stream.Position;
        var bytes = new byte[SampleLength];
        var n = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        stream.Position = start;
        using var text = new StreamReader(new MemoryStream(bytes, 0, n), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Detect(text.ReadToEnd());
    }

    /// <summary>Detects from the start of <paramref name="reader"/>; the returned reader replays what was read.</summary>
    public static DetectedInput Peek(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var head = new char[SampleLength];
        var n = reader.ReadBlock(head, 0, head.Length);
        return new DetectedInput(Detect(new string(head, 0, n)), new ReplayTextReader(head, n, reader));
    }

    public static BibFormat? Detect(string sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var examined = 0;
        foreach (var rawLine in sample.TrimStart('\uFEFF').Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (++examined > MaxLinesExamined)
            {
                break;
            }

            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('<'))
            {
                return sample.Contains("<record", StringComparison.Ordinal) || sample.Contains("<xml>", StringComparison.Ordinal)
                    ? BibFormat.EndnoteXml
                    : null;
            }

            if (BibtexEntry().IsMatch(trimmed))
            {
                return BibFormat.Bibtex;
            }

            if (line.StartsWith("FN ", StringComparison.Ordinal) || line.StartsWith("VR ", StringComparison.Ordinal) || WosStart().IsMatch(line))
            {
                return BibFormat.Wos;
            }

            if (RisParser.TagOf(line) == "TY")
            {
                return BibFormat.Ris;
            }

            if (MedlineParser.TagOf(line) is not null)
            {
                return BibFormat.Medline;
            }

            if (IsCsvHeader(line))
            {
                return BibFormat.Csv;
            }
        }

        return null;
    }

    private static bool IsCsvHeader(string line)
    {
        var delimiter = CsvRowReader.DetectDelimiter(line);
        var titles = CsvParser.Columns.First(c => c.Field == "title").Headers;
        return line.Split(delimiter).Length > 1
            && line.Split(delimiter).Any(h => titles.Contains(h.Trim().Trim('"').Trim().ToLowerInvariant()));
    }

    [GeneratedRegex(@"^@\s*[A-Za-z]+\s*[{(]")]
    private static partial Regex BibtexEntry();

    [GeneratedRegex(@"^PT [A-Z]+\s*$")]
    private static partial Regex WosStart();
}

/// <summary>The detected format (null if unknown) and a reader positioned at the very start of the input again.</summary>
public sealed record DetectedInput(BibFormat? Format, TextReader Reader);
