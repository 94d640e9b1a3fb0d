using EventReview.Reviews;
using EventReview.Screening;
using System.Text.Json.Serialization;
using Marten.Schema;

namespace EventReview.Records;

public sealed record Vote(string ReviewerId, string ReviewerName, Decision Decision, string? ReasonCode, string? Note, DateTimeOffset At);

/// <summary>One stage of one record: the first and the latest vote of each reviewer, and the outcome once decided.</summary>
public sealed record StageProgress(
    IReadOnlyList<Vote> FirstVotes,
    IReadOnlyList<Vote> CurrentVotes,
    bool InConflict,
    Decision? Outcome,
    string? OutcomeReason,
    DecisionBasis? Basis)
{
    public static StageProgress Empty { get; } = new([], [], false, null, null, null);

    public bool IsDecided => Outcome is not null;

    public Vote? CurrentVoteOf(string reviewerId) => CurrentVotes.FirstOrDefault(v => v.ReviewerId == reviewerId);

    public StageProgress With(Vote vote) => this with
    {
        FirstVotes = FirstVotes.Any(v => v.ReviewerId == vote.ReviewerId) ? FirstVotes : [.. FirstVotes, vote],
        CurrentVotes = [.. CurrentVotes.Where(v => v.ReviewerId != vote.ReviewerId), vote],
    };
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

    /// <summary>How many reviewers have voted at each stage, kept as columns so queues filter without opening votes.</summary>
    public int TitleAbstractVoteCount => TitleAbstract.CurrentVotes.Count;

    public int FullTextVoteCount => FullText.CurrentVotes.Count;

    public StageProgress Progress(Stage stage) => stage == Stage.TitleAbstract ? TitleAbstract : FullText;

    /// <summary>The same record with one stage's progress replaced.</summary>
    public RecordState WithProgress(Stage stage, StageProgress progress) =>
        stage == Stage.TitleAbstract ? this with { TitleAbstract = progress } : this with { FullText = progress };
}
