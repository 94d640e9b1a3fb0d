namespace EventReview.Appraisal;

/// <summary>
/// SANRA, the Scale for the Assessment of Narrative Review Articles, revised six-item version (Baethge et al.
/// 2019, Res Integr Peer Rev 4:5). Each item is scored 0 (low standard) to 2 (high standard); the sum is 0 to 12.
/// The id follows the seed review, which calls this revision "SANRA 2".
/// </summary>
public static class Sanra2
{
    public const string Id = "sanra2";

    private static readonly RatingOption[] Ratings =
    [
        new("0", "0 (low standard)"),
        new("1", "1"),
        new("2", "2 (high standard)"),
    ];

    public static AppraisalInstrument Instrument { get; } = new(
        Id,
        "2019",
        "SANRA: Scale for the Assessment of Narrative Review Articles",
        [
            new("1", "Justification of the article's importance for the readership", "Importance for the readership"),
            new("2", "Statement of concrete aims or formulation of questions", "Concrete aims or questions"),
            new("3", "Description of the literature search", "Literature search"),
            new("4", "Referencing", "Referencing"),
            new("5", "Scientific reasoning", "Scientific reasoning"),
            new("6", "Appropriate presentation of data", "Presentation of data"),
        ],
        Ratings,
        ScoringRule.Seed(Ratings));
}
