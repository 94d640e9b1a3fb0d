namespace EventReview.Appraisal;

/// <summary>
/// JBI Critical Appraisal Checklist for Quasi-Experimental Studies (non-randomized experimental studies),
/// 2017 checklist as published in the JBI Manual for Evidence Synthesis (Tufanaru et al. 2020). Official wording.
/// </summary>
public static class JbiQuasiExperimental
{
    public const string Id = "jbi-quasi-experimental";

    private static readonly RatingOption[] Ratings =
    [
        new("yes", "Yes"),
        new("no", "No"),
        new("unclear", "Unclear"),
        new("not-applicable", "Not applicable", NotApplicable: true),
    ];

    public static AppraisalInstrument Instrument { get; } = new(
        Id,
        "2017",
        "JBI Critical Appraisal Checklist for Quasi-Experimental Studies",
        [
            new("1", "Is it clear in the study what is the 'cause' and what is the 'effect' (i.e. there is no confusion about which variable comes first)?", "Cause and effect clear"),
            new("2", "Were the participants included in any comparisons similar?", "Participants similar"),
            new("3", "Were the participants included in any comparisons receiving similar treatment/care, other than the exposure or intervention of interest?", "Similar treatment or care"),
            new("4", "Was there a control group?", "Control group"),
            new("5", "Were there multiple measurements of the outcome both pre and post the intervention/exposure?", "Pre and post measurements"),
            new("6", "Was follow up complete and if not, were differences between groups in terms of their follow up adequately described and analyzed?", "Follow-up complete"),
            new("7", "Were the outcomes of participants included in any comparisons measured in the same way?", "Outcomes measured the same way"),
            new("8", "Were outcomes measured in a reliable way?", "Outcomes measured reliably"),
            new("9", "Was appropriate statistical analysis used?", "Appropriate statistical analysis"),
        ],
        Ratings,
        ScoringRule.Seed(Ratings));
}
