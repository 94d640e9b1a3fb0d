using EventReview.Deduplication;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Records.Parsing;

namespace EventReview.Records;

public enum RemovalReason { Automation, Other }

/// <summary>
/// One record as a search returned it. <paramref name="ImportKey"/> (raw hash and its occurrence in the file)
/// makes a repeated upload of the same file recognisable, so it imports nothing twice; <paramref name="Ordinal"/> is the
/// record's position in its upload.
/// </summary>
public sealed record RecordImported(Guid ReviewId, Guid RecordId, Guid SearchId, string ImportKey, int Ordinal, BibRecord Record, Actor By) : IRecordEvent;

public sealed record RecordMarkedDuplicate(
    Guid ReviewId,
    Guid RecordId,
    Guid DuplicateOf,
    DuplicateMethod Method,
    IReadOnlyDictionary<string, string> Evidence,
    double? Score,
    string? Note,
    Actor By) : IRecordEvent;

public sealed record DuplicateMarkRemoved(Guid ReviewId, Guid RecordId, Guid WasDuplicateOf, string Note, Actor By) : IRecordEvent;

/// <summary>
/// On the kept record, with every mark against it: the kept record's stream takes part in the mark, so two marks that
/// read it (one of them making it a duplicate) cannot both commit, and its state knows it keeps duplicates.
/// </summary>
public sealed record DuplicateKeptFor(Guid ReviewId, Guid RecordId, Guid DuplicateId, Actor By) : IRecordEvent;

/// <summary>On the kept record, when the mark of <paramref name="DuplicateId"/> against it is removed.</summary>
public sealed record DuplicateNoLongerKeptFor(Guid ReviewId, Guid RecordId, Guid DuplicateId, Actor By) : IRecordEvent;

/// <summary>Removed before screening: marked ineligible by an automation tool (named in the detail) or for another reason.</summary>
public sealed record RecordRemoved(Guid ReviewId, Guid RecordId, RemovalReason Reason, string Detail, Actor By) : IRecordEvent;
