namespace EventReview.Prisma;

/// <summary>
/// Compares a flow derived from the review's events with a flow reported elsewhere (a publication, a protocol),
/// and each search's own reported hit count with the records imported from it. For a reported figure, Expected is
/// the derived value and Actual the reported one; for a source, Expected is its reported count and Actual the imported.
/// </summary>
public static class PrismaComparison
{
    public static IReadOnlyList<Discrepancy> Compare(PrismaFlow derived, ReportedFlow reported)
    {
        derived.EnsureValid();
        var figures = reported.Figures;
        var found = new List<Discrepancy>();
        var ours = derived.Counts().ToDictionary(c => c.Key, c => c.Value);
        foreach (var (key, value) in figures.Counts())
        {
            if (value is not int printed) continue;
            // A publication that does not split records excluded by automation reports the whole box.
            var expected = key == "records_excluded" && figures.RecordsExcludedAutomation is null
                ? derived.RecordsExcludedTotal
                : ours[key];
            if (expected != printed) found.Add(Differs("reported-differs", key, expected, printed));
        }
        Reasons(found, "dbr_excluded", derived.DbrExcluded, figures.DbrExcluded);
        Reasons(found, "other_excluded", derived.OtherExcluded, figures.OtherExcluded);
        foreach (var source in figures.Sources.GroupBy(s => s.Source.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            var printed = source.Sum(s => s.Records);
            var counted = derived.Sources.Where(s => Same(s.Source, source.Key)).Sum(s => s.Records);
            if (counted != printed) found.Add(Differs("reported-source-differs", $"sources/{source.Key}", counted, printed));
        }
        found.AddRange(PrismaInvariants.Check(figures).Select(d => d with { Code = "reported-" + d.Code }));
        return found;
    }

    public static IReadOnlyList<Discrepancy> CompareSources(IEnumerable<SourceCount> sources) =>
        sources.Where(s => s.ReportedCount is int count && count != s.Records)
            .Select(s => new Discrepancy("source-count-differs", $"sources/{s.Source}",
                $"{s.Source} reported {s.ReportedCount} records but {s.Records} were imported.", s.ReportedCount, s.Records))
            .ToList();

    private static void Reasons(List<Discrepancy> found, string key,
        IReadOnlyDictionary<string, int>? derived, IReadOnlyDictionary<string, int>? reported)
    {
        if (reported is null) return;
        derived ??= new Dictionary<string, int>();
        var labels = reported.Keys.Concat(derived.Keys).Select(k => k.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels)
        {
            int counted = Total(derived, label), printed = Total(reported, label);
            if (counted != printed) found.Add(Differs("reported-differs", $"{key}/{label}", counted, printed));
        }
    }

    private static int Total(IReadOnlyDictionary<string, int> reasons, string label) =>
        reasons.Where(r => Same(r.Key, label)).Sum(r => r.Value);

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static Discrepancy Differs(string code, string key, int? derived, int printed) =>
        new(code, key, $"{key} is reported as {printed} but the review's records give {derived?.ToString() ?? "no figure"}.",
            derived, printed);
}
