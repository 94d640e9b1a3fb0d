using System.Text;
using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>Broken or hostile input gives errors with line numbers and parsing goes on; nothing throws.</summary>
public class MalformedInputTests
{
    private static readonly BibFormat[] Formats = [BibFormat.Ris, BibFormat.Medline, BibFormat.Wos, BibFormat.Bibtex, BibFormat.EndnoteXml, BibFormat.Csv];

    [Fact]
    public void RIS_record_cut_off_at_the_end_of_the_file_is_an_error_at_its_first_line()
    {
        var (records, errors) = Inline.Parse("TY  - JOUR\nTI  - Complete\nER  - \n\nTY  - JOUR\nTI  - Cut off\nAB  - The file ends he", BibFormat.Ris);

        records.Single().Title.ShouldBe("Complete");
        errors.ShouldBe([new ParseError(5, "record is cut off: the file ends before its 'ER  -' line")]);
    }

    [Fact]
    public void RIS_record_without_ER_before_the_next_TY_is_an_error_and_the_next_record_is_read()
    {
        var (records, errors) = Inline.Parse("TY  - JOUR\nTI  - Lost\nTY  - JOUR\nTI  - Kept\nER  - \n", BibFormat.Ris);

        records.Single().Title.ShouldBe("Kept");
        errors.ShouldBe([new ParseError(1, "record has no 'ER  -' line before the next 'TY  -' at line 3")]);
    }

    [Fact]
    public void Binary_bytes_inside_a_record_make_that_record_an_error_at_their_line()
    {
        var (records, errors) = Inline.Parse("TY  - JOUR\nTI  - Bad\nAB  - \0\u0001\u0002\nER  - \nTY  - JOUR\nTI  - Good\nER  - \n", BibFormat.Ris);

        records.Single().Title.ShouldBe("Good");
        errors.ShouldBe([new ParseError(3, "line contains control characters (binary data?)")]);
    }

    [Fact]
    public void MEDLINE_block_that_does_not_start_with_a_tag_is_an_error_and_the_next_block_is_read()
    {
        var (records, errors) = Inline.Parse("PMID- 1\nTI  - One\n\n      stray continuation\nTI  - Two\n\nPMID- 3\nTI  - Three\n", BibFormat.Medline);

        records.Select(r => r.Pmid).ShouldBe(["1", "3"]);
        errors.ShouldBe([new ParseError(4, "expected a MEDLINE tag such as 'PMID- ' at the start of a record")]);
    }

    [Fact]
    public void WoS_record_cut_off_is_an_error()
    {
        var (records, errors) = Inline.Parse("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI Whole\nER\n\nPT J\nTI Cut", BibFormat.Wos);

        records.Single().Title.ShouldBe("Whole");
        errors.ShouldBe([new ParseError(7, "record is cut off: the file ends before its 'ER' line")]);
    }

    [Fact]
    public void BibTeX_entry_with_an_unclosed_brace_is_an_error_at_its_first_line()
    {
        var (records, errors) = Inline.Parse("@article{a, title={Fine}}\n\n@article{b,\n  title={Never closed\n", BibFormat.Bibtex);

        records.Single().SourceRecordId.ShouldBe("a");
        errors.ShouldBe([new ParseError(3, "entry 'b' is cut off: the file ends before its closing '}'")]);
    }

    [Fact]
    public void BibTeX_malformed_field_is_an_error_and_parsing_resumes_at_the_next_entry()
    {
        var (records, errors) = Inline.Parse("@article{a,\n  title={One}\n  year={2000}\n}\n@article{b, title={Two}}\n", BibFormat.Bibtex);

        records.Single().SourceRecordId.ShouldBe("b");
        errors.ShouldBe([new ParseError(3, "expected ',' or '}' after field 'title' in entry 'a'")]);
    }

    [Fact]
    public void Truncated_XML_keeps_the_complete_records_and_reports_the_line()
    {
        var text = File.ReadAllText(Corpus.Bib("endnote_xml/endnote_blue_light_reflib.xml"));
        var cut = text[..(text.IndexOf("</record>", StringComparison.Ordinal) + "</record>".Length + 40)];

        var (records, errors) = Inline.Parse(cut, BibFormat.EndnoteXml);

        records.Count.ShouldBe(1);
        errors.Single().Line.ShouldBe(1);
        errors.Single().Message.ShouldStartWith("invalid XML:");
    }

    [Fact]
    public void CSV_unclosed_quote_and_wrong_field_count_are_errors_with_their_lines()
    {
        var (records, errors) = Inline.Parse("Title,Year\nGood,2001\nShort\n\"Unclosed,2003\nstill inside\n", BibFormat.Csv);

        records.Single().Title.ShouldBe("Good");
        errors.ShouldBe([
            new ParseError(3, "row has 1 fields but the header has 2"),
            new ParseError(4, "quoted field starting at line 4 is not closed before the end of the file"),
        ]);
    }

    [Fact]
    public void A_field_over_the_length_limit_makes_its_record_an_error_and_the_next_record_is_read()
    {
        var limits = new ParserLimits { MaxFieldLength = 1_000 };
        var text = $"TY  - JOUR\nTI  - Huge\nAB  - {new string('x', 5_000)}\nER  - \nTY  - JOUR\nTI  - Small\nER  - \n";

        var (records, errors) = Inline.Parse(text, BibFormat.Ris, limits);

        records.Single().Title.ShouldBe("Small");
        errors.Single().Line.ShouldBe(3);
    }

    [Fact]
    public void A_record_over_the_size_limit_is_an_error()
    {
        var limits = new ParserLimits { MaxRecordLength = 10_000 };
        var text = "TY  - JOUR\n" + string.Concat(Enumerable.Repeat("KW  - keyword keyword keyword\n", 1_000)) + "ER  - \n";

        var (records, errors) = Inline.Parse(text, BibFormat.Ris, limits);

        records.ShouldBeEmpty();
        errors.ShouldBe([new ParseError(1, "record is longer than 10000 characters")]);
    }

    [Fact]
    public void A_line_of_ten_million_characters_without_a_line_break_is_one_error()
    {
        using var reader = new RepeatingReader("TY  - JOUR\nTI  - ", 'x', 10_000_000);

        var results = BibParser.Parse(reader, BibFormat.Ris).ToList();

        results.ShouldBe([new ParseError(2, "line is longer than 100064 characters")]);
    }

    [Fact]
    public void Errors_stop_at_the_limit_with_a_final_error()
    {
        var limits = new ParserLimits { MaxErrors = 5 };
        var text = string.Concat(Enumerable.Repeat("TY  - JOUR\nTI  - no end\n", 20));

        var errors = BibParser.Parse(new StringReader(text), BibFormat.Ris, limits).ToList();

        errors.Count.ShouldBe(6);
        errors[^1].ShouldBe(new ParseError(11, "more than 5 errors; parsing stopped here"));
    }

    [Fact]
    public void Unrecognised_input_with_automatic_detection_is_one_error_at_line_one()
    {
        var (records, errors) = Inline.Parse("just some text\nwith no bibliographic format\n", BibFormat.Auto);

        records.ShouldBeEmpty();
        errors.ShouldBe([new ParseError(1, "unrecognised file format; name it: ris, medline, bibtex, endnote-xml, wos or csv")]);
    }

    [Fact]
    public void Random_bytes_in_every_format_give_errors_with_line_numbers_and_no_exception()
    {
        var random = new Random(20240601);
        foreach (var format in Formats)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                var bytes = new byte[random.Next(1, 20_000)];
                random.NextBytes(bytes);

                var results = BibParser.Parse(new MemoryStream(bytes), format).ToList();

                results.OfType<ParseError>().ShouldNotBeEmpty($"{format}, trial {trial}");
                results.ShouldAllBe(r => !(r is ParseError) || ((ParseError)r).Line >= 1);
            }
        }
    }

    [Fact]
    public void Every_corpus_file_cut_or_corrupted_at_random_places_parses_without_an_exception()
    {
        var random = new Random(7);
        foreach (var (file, _, _) in CorpusConformanceTests.Expected)
        {
            var bytes = File.ReadAllBytes(Corpus.Bib(file));
            for (var trial = 0; trial < 8; trial++)
            {
                var damaged = bytes[..random.Next(1, bytes.Length)];
                for (var flips = 0; flips < trial; flips++)
                {
                    damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                }

                foreach (var format in Formats.Append(BibFormat.Auto))
                {
                    var results = BibParser.Parse(new MemoryStream(damaged), format).ToList();

                    results.ShouldAllBe(r => r is ParsedRecord || ((ParseError)r).Line >= 1, $"{file}, trial {trial}, {format}");
                }
            }
        }
    }

    /// <summary>A prefix followed by one character repeated, produced on demand so the test itself holds little memory.</summary>
    private sealed class RepeatingReader(string prefix, char filler, int repeat) : TextReader
    {
        private int position;

        public override int Peek() => position < prefix.Length ? prefix[position] : position < prefix.Length + repeat ? filler : -1;

        public override int Read()
        {
            var c = Peek();
            if (c >= 0)
            {
                position++;
            }

            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var written = 0;
            while (written < buffer.Length && Peek() is var c && c >= 0)
            {
                buffer[written++] = (char)c;
                position++;
            }

            return written;
        }
    }
}
