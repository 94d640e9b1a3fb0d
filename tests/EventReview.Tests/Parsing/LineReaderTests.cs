using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>Line splitting where the reader's 8,192-character buffer ends: inside a line, between CR and LF, on a line end.</summary>
public class LineReaderTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Lines_read_the_same_wherever_the_buffer_ends(string newline)
    {
        // Line lengths chosen so that line ends (and CRLF pairs) fall on and around every buffer boundary.
        var lines = Enumerable.Range(0, 400).Select(i => new string((char)('a' + i % 26), 8_150 + i % 90) + $" {i}").ToList();
        var text = string.Join(newline, lines) + newline;

        var read = ReadAll(text, maxLineLength: 10_000);

        read.Select(l => l.Text).ShouldBe(lines);
        read.Select(l => l.Number).ShouldBe(Enumerable.Range(1, lines.Count));
        read.ShouldAllBe(l => l.Problem == null);
    }

    [Fact]
    public void A_line_at_the_length_cap_is_whole_and_one_beyond_it_is_flagged()
    {
        var read = ReadAll(new string('x', 100) + "\n" + new string('y', 101) + "\n", maxLineLength: 100);

        read[0].Text.ShouldBe(new string('x', 100));
        read[0].Problem.ShouldBeNull();
        read[1].Problem.ShouldBe("line is longer than 100 characters");
    }

    [Fact]
    public void A_byte_order_mark_starts_the_first_line_only_and_controls_read_as_spaces()
    {
        var read = ReadAll("\uFEFFTY  - JOUR\nTI  - A\u0001title\n\uFEFFER  - \n", maxLineLength: 100);

        read.Select(l => l.Text).ShouldBe(["TY  - JOUR", "TI  - A title", "\uFEFFER  - "]);
    }

    private static List<TextLine> ReadAll(string text, int maxLineLength)
    {
        var reader = new LineReader(new StringReader(text), maxLineLength);
        var lines = new List<TextLine>();
        while (reader.TryRead(out var line)) lines.Add(line);
        return lines;
    }
}
