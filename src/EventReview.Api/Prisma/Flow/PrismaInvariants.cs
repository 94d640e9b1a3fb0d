namespace EventReview.Prisma;

/// <summary>
/// The arithmetic a PRISMA 2020 diagram must satisfy: every record or report leaving a box goes to exactly one box
/// below or beside it. A rule is checked only when its main boxes are given; removal and not-retrieved boxes that
/// are absent count as zero, because publications usually leave empty side boxes out. Each discrepancy names the
/// downstream box, with the value implied by the boxes above it as Expected and the box's own figure as Actual.
/// </summary>
public static class PrismaInvariants
{
    public static IReadOnlyList<Discrepancy> Check(PrismaFlow flow)
    {
        flow.EnsureValid();
        var found = new List<Discrepancy>();

        if (flow is { Identified: int identified, RecordsScreened: int screened })
        {
            int duplicates = flow.Duplicates ?? 0, automatic = flow.ExcludedAutomatic ?? 0, other = flow.ExcludedOther ?? 0;
            Add(found, "identification-balance", "records_screened", identified - duplicates - automatic - other, screened,
                $"Records identified from databases and registers ({identified}) should equal duplicates ({duplicates}) + " +
                $"records marked ineligible by automation ({automatic}) + records removed for other reasons ({other}) + " +
                $"records screened ({screened}) = {duplicates + automatic + other + screened}.");
        }

        if (flow is { RecordsScreened: int screenedRecords, RecordsExcludedTotal: int excluded, DbrSoughtReports: int sought })
        {
            var awaiting = flow.RecordsAwaitingScreening ?? 0;
            Add(found, "screening-balance", "dbr_sought_reports", screenedRecords - excluded - awaiting, sought,
                $"Records screened ({screenedRecords}) should equal records excluded ({excluded}) + " +
                $"reports sought for retrieval ({sought}) + records still being screened ({awaiting}) = {excluded + sought + awaiting}.");
        }

        Retrieval(found, "retrieval-balance", "dbr", flow.DbrSoughtReports, flow.DbrNotRetrievedReports, flow.DbrAwaitingRetrieval, flow.DbrAssessed);
        Retrieval(found, "other-retrieval-balance", "other", flow.OtherSoughtReports, flow.OtherNotRetrievedReports,
            flow.OtherAwaitingRetrieval, flow.OtherAssessed);
        Inclusion(found, flow);
        Total(found, "total-studies", "total_studies", "studies", flow.PreviousStudies, flow.NewStudies, flow.TotalStudies);
        Total(found, "total-reports", "total_reports", "reports", flow.PreviousReports, flow.NewReports, flow.TotalReports);

        foreach (var kind in flow.Sources.Select(s => s.Kind).Distinct())
        {
            var key = SourceCount.TemplateKey(kind);
            var total = flow.Counts().Single(c => c.Key == key).Value;
            var sum = flow.Sources.Where(s => s.Kind == kind).Sum(s => s.Records);
            if (total is int boxTotal)
                Add(found, "sources-sum", key, sum, boxTotal,
                    $"The sources counted in {key} add up to {sum} records but {key} is {boxTotal}.");
        }
        return found;
    }

    private static void Retrieval(List<Discrepancy> found, string code, string arm, int? sought, int? notRetrieved, int? awaiting, int? assessed)
    {
        if (sought is not int s || assessed is not int a) return;
        var missing = (notRetrieved ?? 0) + (awaiting ?? 0);
        Add(found, code, $"{arm}_assessed", s - missing, a,
            $"Reports sought for retrieval ({s}) minus reports not retrieved ({notRetrieved ?? 0}) and awaiting retrieval " +
            $"({awaiting ?? 0}) leaves {s - missing} to assess, but {arm}_assessed is {a}.");
    }

    /// <summary>Both arms feed the one "new studies" box, so the rule sums over the arms that report assessments.</summary>
    private static void Inclusion(List<Discrepancy> found, PrismaFlow flow)
    {
        var arms = new[] { (flow.DbrAssessed, flow.DbrExcluded), (flow.OtherAssessed, flow.OtherExcluded) }
            .Where(arm => arm.Item1 is not null).ToList();
        if (flow.NewReports is not int included || arms.Count == 0 || arms.Any(arm => arm.Item2 is null)) return;
        var assessed = arms.Sum(arm => arm.Item1!.Value);
        var excluded = arms.Sum(arm => arm.Item2!.Values.Sum());
        var awaiting = (flow.DbrAwaitingAssessment ?? 0) + (flow.OtherAwaitingAssessment ?? 0);
        Add(found, "inclusion-balance", "new_reports", assessed - excluded - awaiting, included,
            $"Reports assessed for eligibility ({assessed}) should equal reports excluded with reasons ({excluded}) + " +
            $"reports of new included studies ({included}) + reports still being assessed ({awaiting}) = {excluded + included + awaiting}.");
    }

    private static void Total(List<Discrepancy> found, string code, string key, string what, int? previous, int? added, int? total)
    {
        if (total is not int t || added is not int n) return;
        var before = previous ?? 0;
        Add(found, code, key, before + n, t,
            $"Total {what} ({t}) should equal {what} of the previous version ({before}) + new {what} ({n}) = {before + n}.");
    }

    private static void Add(List<Discrepancy> found, string code, string key, int expected, int actual, string message)
    {
        if (expected != actual) found.Add(new Discrepancy(code, key, message, expected, actual));
    }
}
