using System.Globalization;

namespace EventReview.Benchmarks.Harness;

/// <summary>The table of figures, each beside its baseline from the same run and the ratio between them.</summary>
public static class Report
{
    /// <summary>Prints <paramref name="figures"/>; baselines are looked up in <paramref name="measured"/> (default: the same figures).</summary>
    public static void Write(TextWriter output, IReadOnlyList<Figure> figures, IReadOnlyList<Figure>? measured = null)
    {
        measured ??= figures;
        var conditions = figures.Where(f => f.Scenario == RunConditions.Scenario).ToList();
        figures = figures.Where(f => f.Scenario != RunConditions.Scenario).ToList();
        output.WriteLine("| scenario | size | figure | value | baseline | baseline value | ratio | aim | met |");
        output.WriteLine("|---|---:|---|---:|---|---:|---:|---|---|");
        foreach (var f in figures)
        {
            var baseline = f.Baseline is null ? null
                : measured.LastOrDefault(b => b.Metric == f.Baseline && b.Size == (f.BaselineSize ?? f.Size));
            double? ratio = baseline is null || baseline.Value == 0 || double.IsNaN(baseline.Value) || double.IsNaN(f.Value)
                ? null
                : f.Value / baseline.Value;
            var met = f.Aim?.IsMet(f.Value, ratio) switch { true => "yes", false => "**no**", null => f.Aim is null ? "" : "n/a" };
            output.WriteLine(string.Join(" | ",
                "| " + f.Scenario,
                f.Size.ToString("N0", CultureInfo.InvariantCulture),
                f.Metric + (f.Note is null ? "" : $" ({f.Note})"),
                Format(f.Value, f.Unit),
                f.Baseline is null ? "" : f.Baseline + (f.BaselineSize is { } s && s != f.Size ? $" @{s:N0}" : ""),
                baseline is null ? (f.Baseline is null ? "" : "not measured") : Format(baseline.Value, baseline.Unit),
                ratio is { } r ? r.ToString(r < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "x" : "",
                f.Aim?.Text ?? "",
                met + " |"));
        }
        if (conditions.Count == 0) return;

        output.WriteLine();
        output.WriteLine($"Other work on the machine during each run (average cores used by processes other than the benchmark and its cluster, of {Environment.ProcessorCount}):");
        output.WriteLine();
        output.WriteLine("| run | size | duration | other work |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var c in conditions)
            output.WriteLine($"| {c.Metric} | {c.Size.ToString("N0", CultureInfo.InvariantCulture)} | {c.Note} | {Format(c.Value, c.Unit)} |");
    }

    public static string Format(double value, string unit)
    {
        if (double.IsNaN(value)) return "n/a";
        var number = Math.Abs(value) switch
        {
            >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
            >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
            >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
            _ => value.ToString("0.00", CultureInfo.InvariantCulture),
        };
        return unit.Length == 0 ? number : $"{number} {unit}";
    }
}
