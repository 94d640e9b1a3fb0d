using System.Globalization;
using System.Text;
using EventReview.Screening;

namespace EventReview.Seed;

/// <summary>Where a record of the seed review ends up in the flow.</summary>
public enum SeedFate { Duplicate, RemovedByAutomation, RemovedOther, ExcludedAtTitleAbstract, NotRetrieved, ExcludedAtFullText, Included }

/// <summary>A screener's planned vote: the decision and, for a full-text exclusion, its reason code.</summary>
public sealed record PlannedVote(Decision Decision, string? ReasonCode = null);

/// <summary>
/// One record of the seed review: which search returned it and at which position, the real study it is (or null
/// for a reconstructed stand-in), and the decisions that take it to its place in the flow.
/// </summary>
public sealed record PlannedRecord(
    string Key,
    SeedSearch Search,
    int Number,
    SeedStudy? Study,
    SeedFate Fate,
    string? DuplicateOfKey = null,
    string? FullTextReason = null,
    PlannedVote? Screener1TitleAbstract = null,
    PlannedVote? Screener2TitleAbstract = null,
    PlannedVote? Screener1FullText = null,
    PlannedVote? Screener2FullText = null)
{
    public bool Reconstructed => Study is null;

    public bool Screened => Fate is not (SeedFate.Duplicate or SeedFate.RemovedByAutomation or SeedFate.RemovedOther);

    public bool SoughtForRetrieval => Fate is SeedFate.NotRetrieved or SeedFate.ExcludedAtFullText or SeedFate.Included;

    public bool Assessed => Fate is SeedFate.ExcludedAtFullText or SeedFate.Included;

    /// <summary>The title-abstract outcome the record must reach.</summary>
    public Decision TitleAbstractOutcome => SoughtForRetrieval ? Decision.Include : Decision.Exclude;

    public PlannedVote FullTextOutcome => Fate == SeedFate.Included ? new(Decision.Include) : new(Decision.Exclude, FullTextReason);

    /// <summary>The record as a RIS entry, the way a search export would bring it in.</summary>
    public string Ris()
    {
        var ris = new StringBuilder();
        void Tag(string tag, string value) => ris.Append(tag).Append("  - ").Append(value).Append("\r\n");
        if (Study is { } study)
        {
            Tag("TY", "JOUR");
            Tag("TI", study.Title);
            foreach (var author in study.Authors) Tag("AU", RisAuthor(author));
            Tag("PY", study.Year.ToString(CultureInfo.InvariantCulture));
            Tag("JO", study.Journal);
            Tag("VL", study.Volume);
            var pages = study.Pages.Split('-');
            Tag("SP", pages[0]);
            if (pages.Length == 2) Tag("EP", ExpandEndPage(pages[0], pages[1]));
            Tag("DO", study.Doi);
            Tag("AB", $"Included study of the seed review: reference [{study.Reference}] of {SeedPaper.ShortCitation}. The citation is as the "
                + $"paper's reference list prints it{(study.EtAl ? " (authors after the third given there as \"et al.\")" : "")}; the abstract is not reproduced."
                + (study.Caveat is null ? "" : " " + study.Caveat));
            Tag("KW", "included study (published)");
        }
        else
        {
            Tag("TY", "GEN");
            var duplicate = DuplicateOfKey is null ? "" : $", a duplicate of {SeedPlan.Describe(DuplicateOfKey)}";
            Tag("TI", $"[Reconstructed record {Number} of {Search.ReportedCount} from {Search.Source}{duplicate}; the individual search results were not published]");
            Tag("AB", $"Stand-in for one of the {Search.ReportedCount} results that {SeedPaper.ShortCitation} report from {Search.Source} (Table 1). "
                + "The paper publishes only the count, so this record carries no bibliographic data; its decisions are reconstructed "
                + "so that the review's flow reproduces the published one.");
            Tag("KW", "reconstructed record");
        }
        Tag("AN", "seed-" + Key);
        ris.Append("ER  - \r\n\r\n");
        return ris.ToString();
    }

    /// <summary>"Harris VK" as the reference list prints it becomes "Harris, VK", the family name first as RIS has it.</summary>
    private static string RisAuthor(string printed)
    {
        var space = printed.LastIndexOf(' ');
        return space < 0 ? printed : $"{printed[..space]}, {printed[(space + 1)..]}";
    }

    /// <summary>"55-8" abbreviates 55-58: the end page takes the start page's leading digits.</summary>
    private static string ExpandEndPage(string start, string end) =>
        end.Length >= start.Length ? end : start[..(start.Length - end.Length)] + end;
}

/// <summary>
/// The reconstruction: which record goes where so that the review's events reproduce the published flow. The paper
/// publishes counts only, so every choice below (which records are duplicates, which stand-ins reach full text,
/// where the screeners disagree) is ours; it is fixed by <see cref="Seed"/> and documented in docs/seed-review.md.
/// </summary>
public static class SeedPlan
{
    /// <summary>The seed of every draw: the paper's publication date.</summary>
    public const ulong Seed = 20250629;

    /// <summary>Title-abstract conflicts among records that end up included, and among records that end up excluded.</summary>
    public const int ConflictsAmongIncluded = 9;

    public const int ConflictsAmongExcluded = 24;

    /// <summary>
    /// Records removed before screening, per search (duplicates, automation, other). The paper gives only the totals
    /// (14, 6, 4); the split is ours: duplicates are later copies, in other databases, of PubMed results.
    /// </summary>
    public static IReadOnlyDictionary<string, (int Duplicates, int Automation, int Other)> Removals { get; } =
        new Dictionary<string, (int, int, int)>
        {
            ["cochrane"] = (2, 0, 0),
            ["google-scholar"] = (8, 6, 2),
            ["pmc"] = (4, 0, 2),
        };

    public static IReadOnlyList<PlannedRecord> Records { get; } = Build();

    public static PlannedRecord Get(string key) => Records.Single(r => r.Key == key);

    public static string Describe(string key)
    {
        var (search, number) = Parse(key);
        return $"reconstructed record {number} of {search.ReportedCount} from {search.Source}";
    }

    public static string KeyOf(SeedSearch search, int number) => $"{search.Key}-{number.ToString("D3", CultureInfo.InvariantCulture)}";

    private static (SeedSearch Search, int Number) Parse(string key)
    {
        var dash = key.LastIndexOf('-');
        return (SeedPaper.Searches.Single(s => s.Key == key[..dash]), int.Parse(key[(dash + 1)..], CultureInfo.InvariantCulture));
    }

    private static List<PlannedRecord> Build()
    {
        var records = new List<PlannedRecord>();
        var pubmed = SeedPaper.Searches[0];
        var nextKept = SeedPaper.IncludedStudies.Count + 1;
        foreach (var search in SeedPaper.Searches)
        {
            var (duplicates, automation, other) = Removals.GetValueOrDefault(search.Key);
            var firstRemoved = search.ReportedCount - duplicates - automation - other + 1;
            for (var n = 1; n <= search.ReportedCount; n++)
            {
                var key = KeyOf(search, n);
                var study = search == pubmed && n <= SeedPaper.IncludedStudies.Count ? SeedPaper.IncludedStudies[n - 1] : null;
                var slot = n - firstRemoved;
                records.Add(slot < 0
                    ? new PlannedRecord(key, search, n, study, study is null ? SeedFate.ExcludedAtTitleAbstract : SeedFate.Included)
                    : slot < other
                        ? new PlannedRecord(key, search, n, null, SeedFate.RemovedOther)
                        : slot < other + automation
                            ? new PlannedRecord(key, search, n, null, SeedFate.RemovedByAutomation)
                            : new PlannedRecord(key, search, n, null, SeedFate.Duplicate, KeyOf(pubmed, nextKept++)));
            }
        }

        var random = new SeededRandom(Seed);
        // 31 stand-ins join the 8 included studies at full-text retrieval; in the shuffled order the first 11 are not
        // retrieved and the next 20 are excluded at full text with the paper's three reasons (6, 12 and 2).
        var fullText = new List<(SeedFate Fate, string? Reason)> { Capacity = 31 };
        fullText.AddRange(Enumerable.Repeat((SeedFate.NotRetrieved, (string?)null), 11));
        foreach (var (code, _, printed) in SeedPaper.FullTextReasons)
            fullText.AddRange(Enumerable.Repeat((SeedFate.ExcludedAtFullText, (string?)code), printed));
        var sought = random.Shuffle(records.Where(r => r.Screened && r.Reconstructed).Select(r => r.Key)).Take(fullText.Count).ToList();
        var byKey = records.ToDictionary(r => r.Key);
        foreach (var (key, (fate, reason)) in sought.Zip(fullText))
            byKey[key] = byKey[key] with { Fate = fate, FullTextReason = reason };

        // Title-abstract votes: both screeners give the outcome, except on a drawn set of records where they disagree;
        // the screener who votes against the outcome alternates, and the third reviewer resolves to the outcome.
        var screened = records.Select(r => byKey[r.Key]).Where(r => r.Screened).ToList();
        var conflicts = new HashSet<string>();
        var firstDissents = new HashSet<string>();
        foreach (var (group, count) in new[]
                 {
                     (screened.Where(r => r.SoughtForRetrieval), ConflictsAmongIncluded),
                     (screened.Where(r => !r.SoughtForRetrieval), ConflictsAmongExcluded),
                 })
        {
            var drawn = random.Shuffle(group.Select(r => r.Key)).Take(count).ToList();
            for (var i = 0; i < drawn.Count; i++)
            {
                conflicts.Add(drawn[i]);
                if (i % 2 == 1) firstDissents.Add(drawn[i]);
            }
        }
        foreach (var r in screened)
        {
            var outcome = new PlannedVote(r.TitleAbstractOutcome);
            var dissent = new PlannedVote(r.TitleAbstractOutcome == Decision.Include ? Decision.Exclude : Decision.Include);
            var (first, second) = !conflicts.Contains(r.Key) ? (outcome, outcome)
                : firstDissents.Contains(r.Key) ? (dissent, outcome) : (outcome, dissent);
            byKey[r.Key] = r with { Screener1TitleAbstract = first, Screener2TitleAbstract = second };
        }

        // Full-text votes: unanimous, except one report excluded as not open access and one excluded as preclinical,
        // where a screener voted to include and the third reviewer resolved to exclude.
        var assessed = sought.Select(k => byKey[k]).Where(r => r.Assessed).Concat(screened.Where(r => !r.Reconstructed).Select(r => byKey[r.Key])).ToList();
        var fullTextConflicts = new[] { "not-open-access", "preclinical" }
            .Select(code => assessed.First(r => r.FullTextReason == code).Key).ToList();
        foreach (var r in assessed)
        {
            var outcome = r.FullTextOutcome;
            var (first, second) = r.Key == fullTextConflicts[0] ? (outcome, new PlannedVote(Decision.Include))
                : r.Key == fullTextConflicts[1] ? (new PlannedVote(Decision.Include), outcome)
                : (outcome, outcome);
            byKey[r.Key] = byKey[r.Key] with { Screener1FullText = first, Screener2FullText = second };
        }

        var plan = records.Select(r => byKey[r.Key]).ToList();
        Check(plan);
        return plan;
    }

    /// <summary>The plan must give the paper's figures wherever they are consistent; a slip here would load a wrong seed.</summary>
    private static void Check(List<PlannedRecord> plan)
    {
        int Count(SeedFate fate) => plan.Count(r => r.Fate == fate);
        var expected = new (string What, int Actual, int Expected)[]
        {
            ("identified", plan.Count, 432),
            ("duplicates", Count(SeedFate.Duplicate), 14),
            ("automation", Count(SeedFate.RemovedByAutomation), 6),
            ("other", Count(SeedFate.RemovedOther), 4),
            ("screened", plan.Count(r => r.Screened), 408),
            ("excluded at title-abstract", Count(SeedFate.ExcludedAtTitleAbstract), 369),
            ("sought", plan.Count(r => r.SoughtForRetrieval), 39),
            ("not retrieved", Count(SeedFate.NotRetrieved), 11),
            ("assessed", plan.Count(r => r.Assessed), 28),
            ("included", Count(SeedFate.Included), 8),
        };
        foreach (var (what, actual, wanted) in expected)
            if (actual != wanted) throw new InvalidOperationException($"The seed plan has {actual} {what}, not {wanted}.");
    }
}
