using System.Text.Json;

namespace EventReview.Benchmarks.Harness;

/// <summary>Every figure of a run, one JSON object per line, so separate processes add to one report.</summary>
public static class ResultsFile
{
    // A figure that could not be measured is NaN, written as "NaN".
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Append(string path, IEnumerable<Figure> figures)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.AppendAllLines(path, figures.Select(f => JsonSerializer.Serialize(f, Json)));
    }

    public static IReadOnlyList<Figure> Read(string path) => File.Exists(path)
        ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Figure>(l, Json)!).ToList()
        : [];
}
