using EventReview.Reviews;
using EventReview.Screening;
using System.Text.Json.Serialization;
using Marten.Schema;

namespace EventReview.Records;

/// <summary>A record a person said is not a duplicate of this one, and who said so.</summary>
public sealed record KeptApart(Guid RecordId, string ById, string ByName);

public sealed record Vote(string ReviewerId, string ReviewerName, Decision Decision, string? ReasonCode, string? Note, DateTimeOffset At);

/// <summary>
/// One stage of one record: each reviewer's first vote of the first round (what agreement is computed from), the
/// latest vote of each reviewer in the current round, and the outcome once decided. A reopening starts a new round:
/// the outcome and the current votes are set aside, and the round's own first votes are kept apart.
/// </summary>
public sealed record StageProgress(
    IReadOnlyList<Vote> FirstVotes,
    IReadOnlyList<Vote> CurrentVotes,
    bool InConflict,
    Decision? Outcome,
    string? OutcomeReason,
    DecisionBasis? Basis)
{
    public static StageProgress Empty { get; } = new([], [], false, null, null, null);

    /// <summary>How many times the stage was reopened; stored only once it has been, so first-round records stay as they were.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Reopened { get; init; }

    /// <summary>Each reviewer's first vote in the current round, when that is not the first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Vote>? RoundFirstVotes { get; init; }

    public bool IsDecided => Outcome is not null;

    /// <summary>The first votes of the latest round: the first round's until the stage is reopened.</summary>
    public IReadOnlyList<Vote> LatestRoundFirstVotes => Reopened == 0 ? FirstVotes : RoundFirstVotes ?? [];

    public Vote? CurrentVoteOf(string reviewerId) => CurrentVotes.FirstOrDefault(v => v.ReviewerId == reviewerId);

    public StageProgress With(Vote vote) => (Reopened == 0
        ? this with { FirstVotes = FirstOf(FirstVotes, vote) }
        : this with { RoundFirstVotes = FirstOf(RoundFirstVotes ?? [], vote) }) with
    {
        CurrentVotes = [.. CurrentVotes.Where(v => v.ReviewerId != vote.ReviewerId), vote],
    };

    /// <summary>The decision set aside: a new round with no votes, no conflict and no outcome; the history stays in the events.</summary>
    public StageProgress Reopen() => this with
    {
        CurrentVotes = [], InConflict = false, Outcome = null, OutcomeReason = null, Basis = null,
        Reopened = Reopened + 1, RoundFirstVotes = [],
    };

    private static IReadOnlyList<Vote> FirstOf(IReadOnlyList<Vote> firsts, Vote vote) =>
        firsts.Any(v => v.ReviewerId == vote.ReviewerId) ? firsts : [.. firsts, vote];
}

/// <summary>
/// A record's stream folded: where it came from and where it stands. It is both the write model that screening
/// rules are checked against and the document that record lists, queues and PRISMA counts read. The bibliographic
/// record itself stays in the event that imported it (see <see cref="RecordBibliography"/>): every vote rewrites
/// this document, and a copy of a 2-3 kB record in it would be rewritten with each one.
/// </summary>
public sealed record RecordState
{
    public Guid Id { get; init; }
    public Guid ReviewId { get; init; }
    public Guid SearchId { get; init; }
    public string ImportKey { get; init; } = "";
    /// <summary>
    /// When the record was imported and its place in the upload, as one sortable key: a stable order for queues and
    /// lists that a replay into another database reproduces (a global sequence number would not).
    /// </summary>
    public string ImportOrder { get; init; } = "";
    public Guid? DuplicateOf { get; init; }
    public RemovalReason? Removal { get; init; }
    public string? RemovalDetail { get; init; }
    public StageProgress TitleAbstract { get; init; } = StageProgress.Empty;
    public StageProgress FullText { get; init; } = StageProgress.Empty;
    public bool? Retrieved { get; init; }
    public string? RetrievalNote { get; init; }
    public Guid? StudyId { get; init; }

    /// <summary>
    /// The records marked as duplicates of this one (null when none). A record that others duplicate is never itself
    /// marked a duplicate, so no duplicate chains onto another. Null rather than empty so that the document of a record
    /// that keeps nothing is stored exactly as before this list existed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Guid>? KeptFor { get; init; }

    /// <summary>The reports linked to this record as their study's primary record (null when none); such a record never becomes a report.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Guid>? Reports { get; init; }

    /// <summary>Records a person separated from this one by removing a duplicate mark (null when none): automatic
    /// deduplication never marks such a pair again.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<KeptApart>? KeptApart { get; init; }

    /// <summary>The labels the record carries now, in the order they were put on (null when none, as for <see cref="KeptFor"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Labels { get; init; }

    public long Version { get; init; }

    /// <summary>Marten's hook for a document type's storage; the mapping lives with the feature's setup.</summary>
    public static void ConfigureMarten(DocumentMapping mapping) => RecordsSetup.MapStorage(mapping);

    public string Status => RecordStatus.Of(this);

    /// <summary>
    /// Who gave which first vote at title-abstract, as canonical JSON (reviewers in order). Records with the same
    /// pattern are interchangeable for every agreement statistic, so agreement reads tally patterns, not records.
    /// </summary>
    public string TitleAbstractPattern => VotePattern.Of(TitleAbstract);

    public string FullTextPattern => VotePattern.Of(FullText);

    /// <summary>Who holds a vote in the current round, as a pattern; queues read it, so a reopened record comes back to everyone.</summary>
    public string TitleAbstractVoters => VotePattern.Of(TitleAbstract.CurrentVotes);

    public string FullTextVoters => VotePattern.Of(FullText.CurrentVotes);

    /// <summary>How many reviewers have voted at each stage, kept as columns so queues filter without opening votes.</summary>
    public int TitleAbstractVoteCount => TitleAbstract.CurrentVotes.Count;

    public int FullTextVoteCount => FullText.CurrentVotes.Count;

    public StageProgress Progress(Stage stage) => stage == Stage.TitleAbstract ? TitleAbstract : FullText;

    /// <summary>The same record with one stage's progress replaced.</summary>
    public RecordState WithProgress(Stage stage, StageProgress progress) =>
        stage == Stage.TitleAbstract ? this with { TitleAbstract = progress } : this with { FullText = progress };
}
