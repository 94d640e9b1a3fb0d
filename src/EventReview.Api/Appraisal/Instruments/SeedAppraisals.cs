namespace EventReview.Appraisal;

/// <summary>
/// One included study's appraisal as printed in the seed review (Amin et al. 2025, Cureus 17(6):e86988).
/// <paramref name="PrintedTotal"/> and <paramref name="PrintedVerdict"/> are the paper's text, right or wrong;
/// null where the paper prints none. <paramref name="VerdictSource"/> says which table the verdict comes from.
/// </summary>
public sealed record SeedAppraisal(
    string Study,
    int Reference,
    string InstrumentId,
    string RatingsSource,
    IReadOnlyDictionary<string, string> Ratings,
    string? PrintedTotal,
    string PrintedVerdict,
    string VerdictSource);

/// <summary>A row of the seed's Table 2: the instrument's total score and the lowest accepted score it prints.</summary>
public sealed record SeedAcceptanceScore(string InstrumentId, int TotalScore, int AcceptedScore);

/// <summary>
/// The seed review's Tables 3 to 6 as data. Tables 4 to 6 print no totals or verdicts; their studies are listed
/// as accepted in Table 2. Table 4 is captioned as RoB 2, but its columns are five of the seven domains of the
/// original Cochrane tool (RoB 1) with low/unclear/high ratings, so it is entered as rob1 with two domains unrated.
/// </summary>
public static class SeedAppraisals
{
    public static IReadOnlyList<SeedAcceptanceScore> Table2 { get; } =
    [
        new(Rob1.Id, 7, 5),
        new(JbiQuasiExperimental.Id, 9, 7),
        new(Amstar2.Id, 16, 12),
        new(Sanra2.Id, 12, 9),
    ];

    public static IReadOnlyList<SeedAppraisal> All { get; } =
    [
        Jbi("Cohen et al. (2023)", 27, "yes", "not-applicable", "not-applicable", "no", "yes", "yes", "yes", "yes", "yes", "7/9 (100%)"),
        Jbi("Jamali et al. (2024)", 28, "yes", "yes", "yes", "no", "yes", "yes", "yes", "yes", "yes", "8/9 (100%)"),
        RiskOfBias("Petrou et al. (2022)", 20, "low", "unclear", "low", "unclear", "low"),
        RiskOfBias("Harris et al. (2024)", 21, "low", "low", "low", "low", "low"),
        Amstar("Zeng et al. (2022)", 30, "Y Y PY Y Y Y N PY Y N Y PY Y Y PY PY"),
        Amstar("Islam et al. (2023)", 6, "Y Y Y PY Y Y PY Y PY N Y PY PY Y Y Y"),
        Amstar("Nawar et al. (2024)", 29, "Y PY Y PY Y Y PY PY Y N Y Y Y Y Y Y"),
        new("Hu et al. (2024)", 14, Sanra2.Id, "Table 6", Numbered("2", "2", "1", "2", "2", "1"), null, "Accepted", "Table 2"),
    ];

    public static IReadOnlyList<SeedAppraisal> ForInstrument(string instrumentId) =>
        [.. All.Where(a => a.InstrumentId == instrumentId)];

    /// <summary>The seed's table for one instrument, recomputed under <paramref name="rule"/> and checked against what was printed.</summary>
    public static AppraisalTable Table(AppraisalInstrument instrument, ScoringRule rule) =>
        AppraisalTableBuilder.Build(
            instrument,
            rule,
            ForInstrument(instrument.Id).Select(a => new AppraisalTableInput(a.Study, a.Ratings, a.PrintedTotal, a.PrintedVerdict)));

    private static SeedAppraisal Jbi(string study, int reference, string q1, string q2, string q3, string q4, string q5,
        string q6, string q7, string q8, string q9, string printedTotal) =>
        new(study, reference, JbiQuasiExperimental.Id, "Table 3", Numbered(q1, q2, q3, q4, q5, q6, q7, q8, q9), printedTotal, "Included", "Table 3");

    /// <summary>Table 4's columns in its order: sequence generation, allocation concealment, blinding of participants and personnel, selective reporting, other bias.</summary>
    private static SeedAppraisal RiskOfBias(string study, int reference, string sequence, string concealment, string blinding,
        string reporting, string other) =>
        new(study, reference, Rob1.Id, "Table 4",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["random-sequence-generation"] = sequence,
                ["allocation-concealment"] = concealment,
                ["blinding-participants-personnel"] = blinding,
                ["selective-reporting"] = reporting,
                ["other-bias"] = other,
            },
            null, "Accepted", "Table 2");

    /// <summary>Table 5 prints Y, PY and N for items 1 to 16.</summary>
    private static SeedAppraisal Amstar(string study, int reference, string printed) =>
        new(study, reference, Amstar2.Id, "Table 5",
            Numbered([.. printed.Split(' ').Select(p => p switch
            {
                "Y" => Amstar2.Yes,
                "PY" => Amstar2.PartialYes,
                "N" => Amstar2.No,
                _ => throw new ArgumentException($"unexpected AMSTAR 2 rating '{p}'", nameof(printed)),
            })]),
            null, "Accepted", "Table 2");

    private static Dictionary<string, string> Numbered(params string[] ratings) =>
        ratings.Select((rating, index) => (rating, index)).ToDictionary(
            r => (r.index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r => r.rating, StringComparer.Ordinal);
}
