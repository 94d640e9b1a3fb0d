using EventReview.Deduplication;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Screening;

namespace EventReview.Tests.Decisions;

/// <summary>
/// The people of one review and the histories the decision tests start from, each built on the one before:
/// <see cref="ReviewWithTeam"/>, a record <see cref="Imported"/>, <see cref="IncludedAtTitleAbstract"/>,
/// <see cref="AtFullText"/>, <see cref="IncludedAtFullText"/>.
/// </summary>
public static class Histories
{
    public static readonly Guid ReviewId = new("01950000-0000-7000-8000-00000000a001");
    public static readonly Guid SearchId = new("01950000-0000-7000-8000-00000000b001");
    public static readonly Guid R1 = new("01950000-0000-7000-8000-00000000c001");
    public static readonly Guid R2 = new("01950000-0000-7000-8000-00000000c002");
    public static readonly Guid R3 = new("01950000-0000-7000-8000-00000000c003");

    public static readonly Actor Lead = new("lead", "Lena Lead");
    public static readonly Actor S1 = new("s1", "Screener One");
    public static readonly Actor S2 = new("s2", "Screener Two");
    public static readonly Actor S3 = new("s3", "Screener Three");
    public static readonly Actor Resolver = new("resolver", "Third Reviewer");
    public static readonly Actor Auditor = new("auditor", "Audrey Auditor");
    public static readonly Actor A1 = new("a1", "Appraiser One");
    public static readonly Actor A2 = new("a2", "Appraiser Two");
    public static readonly Actor Outsider = new("outsider", "Not A Member");

    public const Stage TitleAbstract = Stage.TitleAbstract;
    public const Stage FullText = Stage.FullText;
    public const Decision Include = Decision.Include;
    public const Decision Exclude = Decision.Exclude;
    public const Decision Maybe = Decision.Maybe;

    /// <summary>A review as its lead creates it: the lead is its only member.</summary>
    public static object[] ReviewCreatedByLead() =>
    [
        new ReviewCreated(ReviewId, "Stem cells for heart failure", "Do stem cells improve ejection fraction?", null, Lead),
        new MemberRolesSet(ReviewId, Lead.Id, Lead.Name, [Role.Lead], "Created the review", Lead),
    ];

    public static object Joined(Actor who, params Role[] roles) => new MemberRolesSet(ReviewId, who.Id, who.Name, roles, null, Lead);

    public static object ReasonAdded(Stage stage, string code, string label) => new ExclusionReasonAdded(ReviewId, stage, code, label, Lead);

    public static object StageSetTo(Stage stage, int reviewersPerRecord, bool reasonRequiredOnExclude) =>
        new StageConfigured(ReviewId, stage, reviewersPerRecord, Blinded: true, reasonRequiredOnExclude, Lead);

    /// <summary>
    /// Three screeners (two votes per record, as by default), a resolver, an auditor, two appraisers, and the exclusion
    /// reasons wrong-population at title-abstract and wrong-design and no-outcome at full text.
    /// </summary>
    public static object[] ReviewWithTeam() =>
    [
        .. ReviewCreatedByLead(),
        Joined(S1, Role.Screener), Joined(S2, Role.Screener), Joined(S3, Role.Screener),
        Joined(Resolver, Role.Resolver), Joined(Auditor, Role.Auditor),
        Joined(A1, Role.Appraiser), Joined(A2, Role.Appraiser),
        ReasonAdded(TitleAbstract, "wrong-population", "Wrong population"),
        ReasonAdded(FullText, "wrong-design", "Wrong study design"),
        ReasonAdded(FullText, "no-outcome", "Outcome not reported"),
    ];

    public static object Imported(Guid record) =>
        new RecordImported(ReviewId, record, SearchId, $"{record:N}#1", Ordinal: 1,
            new BibRecord { Title = $"Stem cell trial {record.ToString()[^3..]}", Year = 2021, Doi = $"10.1000/{record:N}" }, Lead);

    /// <summary>A record of another review, which a command may still name by its id.</summary>
    public static object ImportedIntoAnotherReview(Guid record) =>
        new RecordImported(new Guid("01950000-0000-7000-8000-00000000a002"), record, Guid.NewGuid(), $"{record:N}#1", Ordinal: 1,
            new BibRecord { Title = "Someone else's trial" }, Outsider);

    public static object VotedBy(Actor screener, Guid record, Decision decision, Stage stage = Stage.TitleAbstract, string? reason = null,
        string? note = null, bool revision = false) =>
        new ScreeningVoteCast(ReviewId, record, stage, decision, reason, note, revision, screener);

    public static object ConflictRaised(Guid record, Stage stage, Actor by) => new ScreeningConflictRaised(ReviewId, record, stage, by);

    public static object DecidedUnanimously(Guid record, Stage stage, Decision decision, string? reason, Actor lastVoter) =>
        new ScreeningDecided(ReviewId, record, stage, decision, reason, DecisionBasis.Unanimous, null, lastVoter);

    /// <summary>Both first screeners include: the record is sought for retrieval.</summary>
    public static object[] IncludedAtTitleAbstract(Guid record) =>
        [VotedBy(S1, record, Include), VotedBy(S2, record, Include), DecidedUnanimously(record, TitleAbstract, Include, null, S2)];

    public static object[] ExcludedAtTitleAbstract(Guid record) =>
    [
        VotedBy(S1, record, Exclude, reason: "wrong-population"), VotedBy(S2, record, Exclude, reason: "wrong-population"),
        DecidedUnanimously(record, TitleAbstract, Exclude, "wrong-population", S2),
    ];

    /// <summary>The first screeners disagree at the stage: the record waits for a resolution.</summary>
    public static object[] InConflict(Guid record, Stage stage = Stage.TitleAbstract) =>
    [
        VotedBy(S1, record, Include, stage),
        VotedBy(S2, record, Exclude, stage, stage == Stage.TitleAbstract ? "wrong-population" : "wrong-design"),
        ConflictRaised(record, stage, S2),
    ];

    public static object Retrieved(Guid record) => new FullTextRetrievalRecorded(ReviewId, record, true, null, Lead);

    public static object NotRetrieved(Guid record) =>
        new FullTextRetrievalRecorded(ReviewId, record, false, "Paywalled; the authors did not reply", Lead);

    /// <summary>Imported, included at title-abstract and retrieved: ready for full-text votes and appraisal.</summary>
    public static object[] AtFullText(Guid record) => [Imported(record), .. IncludedAtTitleAbstract(record), Retrieved(record)];

    public static object[] IncludedAtFullText(Guid record) =>
    [
        .. AtFullText(record), VotedBy(S1, record, Include, FullText), VotedBy(S2, record, Include, FullText),
        DecidedUnanimously(record, FullText, Include, null, S2),
    ];

    /// <summary>The automatic matcher found <paramref name="record"/> to share its DOI with <paramref name="kept"/>, which notes it keeps it.</summary>
    public static object[] MarkedDuplicate(Guid record, Guid kept) =>
    [
        new RecordMarkedDuplicate(ReviewId, record, kept, DuplicateMethod.Doi, new Dictionary<string, string> { ["doi"] = "10.1000/same" }, null, null,
            Lead),
        new DuplicateKeptFor(ReviewId, kept, record, Lead),
    ];

    /// <summary>A mark as stored before kept records noted their duplicates: the kept record's stream knows nothing of it.</summary>
    public static object MarkedDuplicateUnnoted(Guid record, Guid kept) =>
        new RecordMarkedDuplicate(ReviewId, record, kept, DuplicateMethod.Doi, new Dictionary<string, string> { ["doi"] = "10.1000/same" }, null, null,
            Lead);

    public static object Removed(Guid record) => new RecordRemoved(ReviewId, record, RemovalReason.Automation, "RobotSearch: not an RCT", Lead);

    /// <summary><paramref name="record"/> linked as a report of the study whose primary record is <paramref name="study"/>, which notes it.</summary>
    public static object[] LinkedToStudy(Guid record, Guid study) =>
        [new ReportLinkedToStudy(ReviewId, record, study, null, Lead), new StudyReportLinked(ReviewId, study, record, Lead)];
}
