namespace EventReview.Records.Parsing;

/// <summary>One bibliographic record, normalized the same way whatever file format it came from.</summary>
public sealed record BibRecord
{
    public string? Title { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public int? Year { get; init; }
    public string? Journal { get; init; }
    public string? Volume { get; init; }
    public string? Issue { get; init; }
    public string? Pages { get; init; }

    /// <summary>Lower case, without any https://doi.org/, dx.doi.org or "doi:" prefix.</summary>
    public string? Doi { get; init; }

    public string? Pmid { get; init; }

    /// <summary>ISSNs in the form 1234-567X, distinct.</summary>
    public IReadOnlyList<string> Issn { get; init; } = [];

    public IReadOnlyList<string> Keywords { get; init; } = [];
    public string? Abstract { get; init; }
    public string? Url { get; init; }

    /// <summary>The source's own type label (RIS TY code, MEDLINE PT, EndNote ref-type name...).</summary>
    public string? PublicationType { get; init; }

    /// <summary>The source's own id: RIS AN, WoS UT, PMID, EndNote accession-num, BibTeX key...</summary>
    public string? SourceRecordId { get; init; }

    /// <summary>
    /// SHA-256 (lower-case hex) of the record's raw text as read, line endings taken as \n, so a re-import of the same
    /// file is recognisable. For EndNote XML the text is the record's tags and character data as the XML reader
    /// delivers them (entities resolved).
    /// </summary>
    public string RawHash { get; init; } = "";

    /// <summary>1-based line of the file where the record starts.</summary>
    public int Line { get; init; }
}
