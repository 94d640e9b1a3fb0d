namespace EventReview.Records.Parsing;

/// <summary>What a parser read from one record, before the shared normalization turns it into a <see cref="BibRecord"/>.</summary>
internal sealed class RecordDraft
{
    public string? Title { get; set; }
    public string? Abstract { get; set; }
    public List<string> Authors { get; set; } = [];
    public string? YearText { get; set; }
    public string? Journal { get; set; }
    public string? Volume { get; set; }
    public string? Issue { get; set; }
    public string? Pages { get; set; }
    public string? StartPage { get; set; }
    public string? EndPage { get; set; }
    public string? Doi { get; set; }
    public string? Pmid { get; set; }
    public List<string> Issns { get; set; } = [];
    public List<string> Keywords { get; set; } = [];
    public List<string> Urls { get; set; } = [];
    public string? PublicationType { get; set; }
    public string? SourceRecordId { get; set; }

    public BibRecord Build(int line, string rawHash) => new()
    {
        Title = FieldNormalizer.Text(Title),
        Abstract = FieldNormalizer.Text(Abstract),
        Authors = NonEmpty(Authors).ToList(),
        Year = FieldNormalizer.Year(YearText),
        Journal = FieldNormalizer.Text(Journal),
        Volume = FieldNormalizer.Text(Volume),
        Issue = FieldNormalizer.Text(Issue),
        Pages = FieldNormalizer.Pages(Pages, StartPage, EndPage),
        Doi = FieldNormalizer.Doi(Doi) ?? Urls.Select(FieldNormalizer.DoiFromUrl).FirstOrDefault(d => d is not null),
        Pmid = FieldNormalizer.Pmid(Pmid),
        Issn = FieldNormalizer.Issns(Issns),
        Keywords = NonEmpty(Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        Url = NonEmpty(Urls).FirstOrDefault(),
        PublicationType = FieldNormalizer.Text(PublicationType),
        SourceRecordId = FieldNormalizer.Text(SourceRecordId),
        RawHash = rawHash,
        Line = line,
    };

    private static IEnumerable<string> NonEmpty(IEnumerable<string> values) =>
        values.Select(FieldNormalizer.Text).OfType<string>();
}
