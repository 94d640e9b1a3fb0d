using System.Text;

namespace EventReview.Records.Parsing;

/// <summary>
/// Entry point for importing search results. Streams: one <see cref="ParseResult"/> per record or error, reading the
/// input once and never holding more than one record. Malformed text gives <see cref="ParseError"/>s, never an
/// exception; only I/O failures throw.
/// </summary>
public static class BibParser
{
    /// <summary>
    /// Parses a file or upload body as UTF-8 (UTF-16 when it has that byte order mark); a byte that is not valid UTF-8
    /// is read as Windows-1252, the encoding of older non-UTF-8 exports.
    /// </summary>
    public static IEnumerable<ParseResult> Parse(Stream stream, BibFormat format = BibFormat.Auto, ParserLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ParseStream(stream, format, limits ?? ParserLimits.Default);
    }

    /// <summary>Nothing is read until the results are enumerated; <see cref="BibFormat.Auto"/> peeks at the start first.</summary>
    public static IEnumerable<ParseResult> Parse(TextReader reader, BibFormat format = BibFormat.Auto, ParserLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format");
        }

        return LimitErrors(ParseText(reader, format, limits ?? ParserLimits.Default), limits ?? ParserLimits.Default);
    }

    /// <summary>The reader <see cref="Parse(Stream, BibFormat, ParserLimits?)"/> uses; the stream is left open.</summary>
    public static StreamReader OpenText(Stream stream) =>
        new(stream, Utf8OrWindows1252, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);

    private static readonly Encoding Utf8OrWindows1252 =
        Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new Windows1252Fallback());

    private static IEnumerable<ParseResult> ParseStream(Stream stream, BibFormat format, ParserLimits limits)
    {
        using var reader = OpenText(stream);
        foreach (var result in Parse(reader, format, limits))
        {
            yield return result;
        }
    }

    private static IEnumerable<ParseResult> ParseText(TextReader reader, BibFormat format, ParserLimits limits)
    {
        if (format == BibFormat.Auto)
        {
            var detected = BibFormatDetector.Peek(reader);
            if (detected.Format is not { } found)
            {
                yield return new ParseError(1, "unrecognised file format; name it: ris, medline, bibtex, endnote-xml, wos or csv");
                yield break;
            }

            (reader, format) = (detected.Reader, found);
        }

        var results = format switch
        {
            BibFormat.Ris => RisParser.Parse(reader, limits),
            BibFormat.Medline => MedlineParser.Parse(reader, limits),
            BibFormat.Wos => WosParser.Parse(reader, limits),
            BibFormat.Bibtex => BibtexParser.Parse(reader, limits),
            BibFormat.EndnoteXml => EndnoteXmlParser.Parse(reader, limits),
            _ => CsvParser.Parse(reader, limits),
        };
        foreach (var result in results)
        {
            yield return result;
        }
    }

    private static IEnumerable<ParseResult> LimitErrors(IEnumerable<ParseResult> results, ParserLimits limits)
    {
        var errors = 0;
        foreach (var result in results)
        {
            if (result is ParseError error && ++errors > limits.MaxErrors)
            {
                yield return new ParseError(error.Line, $"more than {limits.MaxErrors} errors; parsing stopped here");
                yield break;
            }

            yield return result;
        }
    }
}
