using System.Text;
using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>Exports that are not UTF-8: older EndNote and Excel files are Windows-1252.</summary>
public class ExportEncodingTests
{
    [Fact]
    public void A_Windows_1252_export_reads_its_accents_quotes_and_dashes()
    {
        // "Müller, Jürgen" and "“Quoted” title – with dash", byte for byte as Windows-1252 writes them
        // (ü = FC, “ = 93, ” = 94, – = 96; code page 1252 as published by Microsoft and the Unicode consortium).
        byte[] bytes =
        [
            .. Ascii("TY  - JOUR\r\nAU  - M"), 0xFC, .. Ascii("ller, J"), 0xFC, .. Ascii("rgen\r\nTI  - "), 0x93, .. Ascii("Quoted"), 0x94,
            .. Ascii(" title "), 0x96, .. Ascii(" with dash\r\nPY  - 2020\r\nER  - \r\n"),
        ];

        var record = Single(bytes);

        record.Authors.ShouldBe(["Müller, Jürgen"]);
        record.Title.ShouldBe("\u201CQuoted\u201D title \u2013 with dash");
    }

    [Fact]
    public void UTF_8_stays_UTF_8_and_a_stray_Windows_1252_byte_among_it_is_read_as_such()
    {
        // "Schrödinger" in UTF-8 (ö = C3 B6), then "café" with a lone Windows-1252 é (E9) that is not valid UTF-8.
        byte[] bytes =
        [
            .. Ascii("TY  - JOUR\nAU  - Schr"), 0xC3, 0xB6, .. Ascii("dinger, E.\nTI  - Caf"), 0xE9, .. Ascii(" culture\nER  - \n"),
        ];

        var record = Single(bytes);

        record.Authors.ShouldBe(["Schrödinger, E."]);
        record.Title.ShouldBe("Café culture");
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static BibRecord Single(byte[] bytes) =>
        BibParser.Parse(new MemoryStream(bytes), BibFormat.Ris).ToList().ShouldHaveSingleItem().ShouldBeOfType<ParsedRecord>().Record;
}
