using System.Text;

namespace EventReview.Benchmarks.Harness;

/// <summary>
/// A RIS file of exactly N records made by repeating the corpus RIS files (tests/data/corpus/bib/ris) record by record,
/// byte for byte apart from each file's byte-order mark. Written to the scratch directory, never into the repository.
/// </summary>
public static class RisCorpus
{
    public static IReadOnlyList<string> Records(string corpusDirectory)
    {
        var directory = Path.Combine(corpusDirectory, "bib", "ris");
        var files = Directory.GetFiles(directory, "*.ris").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidOperationException($"No RIS files in {directory}.");

        var records = new List<string>();
        foreach (var file in files)
        {
            // Each chunk runs to the end of an "ER  -" line, so lines before a TY (Ovid's record numbers) stay with their record.
            var text = File.ReadAllText(file);
            var start = 0;
            var position = 0;
            while (position < text.Length)
            {
                var end = text.IndexOf('\n', position);
                end = end < 0 ? text.Length : end + 1;
                if (text.AsSpan(position, end - position).StartsWith("ER  -", StringComparison.Ordinal))
                {
                    records.Add(text[start..end]);
                    start = end;
                }
                position = end;
            }
        }
        return records;
    }

    /// <summary>The path of the N-record file, built on first use.</summary>
    public static string Build(BenchContext context, long count)
    {
        var path = Path.Combine(context.WorkDirectory, "ris", $"corpus-{count}.ris");
        if (File.Exists(path)) return path;

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var records = Records(context.CorpusDirectory);
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            for (long i = 0; i < count; i++)
            {
                var record = records[(int)(i % records.Count)];
                writer.Write(record);
                if (!record.EndsWith('\n')) writer.Write('\n');
            }
        }
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
