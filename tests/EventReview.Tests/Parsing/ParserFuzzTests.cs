using System.Text;
using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>
/// Hostile input for every parser: each corpus file mutated in seeded random ways (flipped bytes, cuts, repeated and
/// junk chunks, stray braces and quotes) is parsed as its own format and with detection. No input may throw, stop
/// making progress, or allocate out of proportion to its size.
/// </summary>
public class ParserFuzzTests
{
    private const int MutationsPerFile = 6;
    // Catches a parser that stops making progress; a healthy run of one file takes under half a second on an idle machine.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("EVENTREVIEW_FUZZ_SEED"), out var s) ? s : 0;

    public static TheoryData<string, BibFormat> CorpusFiles => new()
    {
        { "ris/scopus_restoration_revtools.ris", BibFormat.Ris }, { "ris/ovid_psycinfo_asreview.ris", BibFormat.Ris },
        { "ris/embase_asreview.ris", BibFormat.Ris }, { "ris/ebsco_asp_synthesisr.ris", BibFormat.Ris },
        { "ris/dimensions_citesource_issue24_synthesisr.ris", BibFormat.Ris }, { "ris/rayyan_issue992_asreview.ris", BibFormat.Ris },
        { "ris/wos_asreview.ris", BibFormat.Ris }, { "ris/endnote_blue_light_reflib.ris", BibFormat.Ris },
        { "medline/pubmed_restoration_revtools.nbib", BibFormat.Medline }, { "medline/pubmed_synthesisr_example.txt", BibFormat.Medline },
        { "medline/endnote_blue_light_reflib.nbib", BibFormat.Medline }, { "wos/wos_restoration_revtools.ciw", BibFormat.Wos },
        { "bibtex/scopus_synthesisr_example.bib", BibFormat.Bibtex }, { "endnote_xml/endnote_blue_light_reflib.xml", BibFormat.EndnoteXml },
        { "csv/embase_asreview.csv", BibFormat.Csv },
    };

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Mutated_corpus_files_parse_without_exception_and_in_bounded_memory(string file, BibFormat format)
    {
        // No clock per input: on shared cores a healthy parse can be paused longer than any limit tight enough to mean
        // something. The parsers read their input forward once (detection replays only its first 64 kB), and
        // ParserLimits caps a record and a field, so time follows the input's size, here at most a corpus file plus
        // 2 MB. The deadline only catches a loop that never ends.
        var ct = TestContext.Current.CancellationToken;
        await Task.Run(() => ParseMutations(file, format), ct).WaitAsync(Deadline, ct);
    }

    private static void ParseMutations(string file, BibFormat format)
    {
        var original = File.ReadAllBytes(Corpus.Bib(file));
        // A stable seed (string hash codes differ per process), so a failure can be replayed.
        var random = new Random(file.Aggregate(20_251_130, (hash, c) => unchecked(hash * 31 + c)) + Seed);
        for (var i = 0; i < MutationsPerFile; i++)
        {
            var input = Mutate(original, random, i);
            foreach (var mode in new[] { format, BibFormat.Auto })
            {
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var results = Should.NotThrow(() => BibParser.Parse(new MemoryStream(input), mode).Count());
                // The parsers stream: allocation grows with the input (about 20 bytes per byte of text), never beyond.
                (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore).ShouldBeLessThan(200L * input.Length + 16_000_000, $"{file}, mutation {i}");
                // Something is always reported (records or errors), unless the input is cut down to a lone line.
                if (input.Count(b => b == (byte)'\n') > 1) results.ShouldBeGreaterThan(0, $"{file}, mutation {i}, {mode}: nothing reported");
            }
        }
    }

    [Fact]
    public void A_stray_quote_in_a_csv_header_is_an_error_instead_of_swallowing_the_rows()
    {
        var (records, errors) = Inline.Parse("Title,Abs\"tract,Year\n\"Stem cells\",\"Background\",2020\n\"Other\",\"x\",2021\n", BibFormat.Csv);

        records.ShouldBeEmpty();
        errors.ShouldHaveSingleItem().Line.ShouldBe(1);
    }

    private static byte[] Mutate(byte[] original, Random random, int kind)
    {
        var bytes = original.ToList();
        switch (kind % 6)
        {
            case 0: // flip about one byte in a hundred
                for (var i = 0; i < bytes.Count; i++) if (random.Next(100) == 0) bytes[i] = (byte)random.Next(256);
                break;
            case 1: // cut at a random place
                return bytes.Take(random.Next(1, bytes.Count)).ToArray();
            case 2: // repeat a chunk many times
                var start = random.Next(bytes.Count);
                var chunk = bytes.Skip(start).Take(random.Next(1, 4_000)).ToArray();
                for (var r = 0; r < 50; r++) bytes.InsertRange(random.Next(bytes.Count), chunk);
                break;
            case 3: // junk lines of random bytes
                for (var r = 0; r < 40; r++)
                {
                    var junk = new byte[random.Next(1, 300)];
                    random.NextBytes(junk);
                    bytes.InsertRange(random.Next(bytes.Count), [(byte)'\n', .. junk, (byte)'\n']);
                }
                break;
            case 4: // stray structural characters
                foreach (var c in "{{{\"\"<<<>]]]&#xD;@@,,\r\r")
                    for (var r = 0; r < 30; r++) bytes.Insert(random.Next(bytes.Count), (byte)c);
                break;
            default: // one very long line
                bytes.InsertRange(random.Next(bytes.Count), Encoding.UTF8.GetBytes(new string('x', 2_000_000)));
                break;
        }
        return [.. bytes];
    }
}
