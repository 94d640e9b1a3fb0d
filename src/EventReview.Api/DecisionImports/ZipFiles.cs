using System.IO.Compression;
using System.Text;
using EventReview.Records;
using EventReview.Records.Parsing;

namespace EventReview.DecisionImports;

/// <summary>The files of an export zip that an import reads, and the records of one of them through the product's parsers.</summary>
internal static class ZipFiles
{
    public static bool IsZip(byte[] bytes) => bytes is [0x50, 0x4B, 0x03, 0x04, ..] or [0x50, 0x4B, 0x05, 0x06, ..];

    /// <summary>The wanted entries by their path inside the zip; a zip that cannot be read is refused at its first line.</summary>
    public static Dictionary<string, byte[]> ReadBytes(byte[] zip, Func<string, bool> wanted)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries.Where(e => wanted(e.FullName)))
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                files[entry.FullName] = copy.ToArray();
            }
            return files;
        }
        catch (InvalidDataException e)
        {
            throw new DecisionSourceException(1, $"The upload is not a readable zip archive: {e.Message}");
        }
    }

    /// <summary>Wanted entries by their file name (any folder), as text.</summary>
    public static Dictionary<string, string> Read(byte[] zip, Func<string, bool> wanted) =>
        ReadBytes(zip, path => wanted(Path.GetFileName(path)))
            .GroupBy(p => Path.GetFileName(p.Key)).ToDictionary(g => g.Key, g => Encoding.UTF8.GetString(g.OrderBy(p => p.Key.Length).First().Value));

    /// <summary>Every record of the file; a record the parser refuses refuses the whole import, with its line.</summary>
    public static List<BibRecord> Records(string text, BibFormat format, string fileName)
    {
        var records = new List<BibRecord>();
        var errors = new List<ImportError>();
        foreach (var result in BibParser.Parse(new StringReader(text), format))
        {
            if (result is ParsedRecord { Record: var record }) records.Add(record);
            else if (result is ParseError error) errors.Add(new ImportError(error.Line, $"{fileName}: {error.Message}"));
        }
        if (errors.Count > 0) throw new DecisionSourceException(errors);
        if (records.Count == 0) throw new DecisionSourceException(1, $"{fileName} holds no record.");
        return records;
    }
}
