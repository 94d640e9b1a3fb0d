using System.CommandLine;
using System.Text.Json;
using EventReview.Hosting;
using EventReview.Records.Parsing;

namespace EventReview.Cli.Commands;

public static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A search-result export." };
        var format = new Option<string>("--format") { Description = "auto|ris|medline|bibtex|endnote-xml|wos|csv", DefaultValueFactory = _ => "auto" };
        var command = new Command("parse", "Parse a search-result file into normalized JSON records, one per line.") { file, format };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new FileNotFoundException($"No such file: {path.FullName}");
            var chosen = BibFormats.Parse(parse.GetValue(format));
            using var stream = path.OpenRead();
            var detected = chosen == BibFormat.Auto ? BibFormatDetector.Detect(stream) ?? BibFormat.Auto : chosen;

            var records = 0;
            var errors = new List<ParseError>();
            using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            foreach (var result in BibParser.Parse(stream, detected))
            {
                if (result is ParsedRecord parsed)
                {
                    stdout.Write(JsonSerializer.Serialize(parsed.Record, EventReviewJson.Options));
                    stdout.Write('\n');
                    records++;
                }
                else if (result is ParseError error) errors.Add(error);
            }
            stdout.Flush();
            Console.Error.WriteLine(JsonSerializer.Serialize(
                new { format = detected.Name(), records, errors = errors.Select(e => new { line = e.Line, message = e.Message }) }, EventReviewJson.Options));
            return records == 0 && errors.Count > 0 ? 1 : 0;
        });
        return command;
    }
}
