using System.Text;
using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>The corpus files themselves are checked in <see cref="CorpusConformanceTests"/>; these are the edge cases.</summary>
public class BibFormatDetectorTests
{
    [Theory]
    [InlineData("\uFEFFTY  - JOUR\r\n", BibFormat.Ris)]
    [InlineData("1.\nTY  - JOUR\n", BibFormat.Ris)]
    [InlineData("\nPMID- 123\n", BibFormat.Medline)]
    [InlineData("TI  - A MEDLINE record without a PMID\n", BibFormat.Medline)]
    [InlineData("FN Clarivate Analytics Web of Science\nVR 1.0\n", BibFormat.Wos)]
    [InlineData("PT J\nAU Smith, J\n", BibFormat.Wos)]
    [InlineData("% comment\n@Article{key,\n", BibFormat.Bibtex)]
    [InlineData("<?xml version=\"1.0\"?><xml><records><record>", BibFormat.EndnoteXml)]
    [InlineData("\"Authors\",\"Title\",\"Year\"\n", BibFormat.Csv)]
    [InlineData("PT\tAU\tTI\tSO\n", BibFormat.Csv)]
    [InlineData("Title;Abstract\n", BibFormat.Csv)]
    public void Sample_is_recognised(string sample, BibFormat expected)
    {
        BibFormatDetector.Detect(sample).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world\n")]
    [InlineData("<html><body>not a library</body></html>")]
    [InlineData("Name,Value\n")]
    public void Unknown_sample_gives_null(string sample)
    {
        BibFormatDetector.Detect(sample).ShouldBeNull();
    }

    [Fact]
    public void Peek_replays_what_it_read()
    {
        const string Text = "TY  - JOUR\nTI  - Replayed\nER  - \n";

        var detected = BibFormatDetector.Peek(new StringReader(Text));

        detected.Format.ShouldBe(BibFormat.Ris);
        detected.Reader.ReadToEnd().ShouldBe(Text);
    }

    [Fact]
    public void Stream_detection_needs_a_seekable_stream_and_rewinds_it()
    {
        using var seekable = new MemoryStream(Encoding.UTF8.GetBytes("PMID- 1\nTI  - T\n"));
        seekable.Position = 0;

        BibFormatDetector.Detect(seekable).ShouldBe(BibFormat.Medline);
        seekable.Position.ShouldBe(0);
        Should.Throw<NotSupportedException>(() => BibFormatDetector.Detect(new NonSeekableStream()));
    }

    [Fact]
    public void Format_names_are_those_of_the_API_contract()
    {
        Enum.GetValues<BibFormat>().Select(f => f.Name()).ShouldBe(["auto", "ris", "medline", "bibtex", "endnote-xml", "wos", "csv"]);
        BibFormats.Parse("EndNote-XML").ShouldBe(BibFormat.EndnoteXml);
        Should.Throw<BibFormatException>(() => BibFormats.Parse("marc"))
            .Message.ShouldBe("Unknown format 'marc'; expected one of auto, ris, medline, bibtex, endnote-xml, wos, csv.");
        System.Text.Json.JsonSerializer.Serialize(BibFormat.EndnoteXml).ShouldBe("\"endnote-xml\"");
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
