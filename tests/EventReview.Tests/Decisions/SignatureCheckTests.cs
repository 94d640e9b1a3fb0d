using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Signatures;
using JasperFx.Events;
using Shouldly;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

/// <summary>
/// A signature is never transferable: verification re-derives what it names from the events before it, so it holds
/// only against that state. Histories are stored here as the log holds them (stream, version, global sequence).
/// </summary>
public class SignatureCheckTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_audit_signature_holds_for_the_log_it_names_and_shows_name_time_meaning_and_role()
    {
        var (log, hashes) = Stored([.. ReviewWithTeam(), Imported(R1), .. IncludedAtTitleAbstract(R1)]);
        var signed = Append(log, AuditOf(log, hashes));

        var verdict = SignatureCheck.Check(ReviewId, signed, hashes).ShouldHaveSingleItem();

        verdict.ShouldBe(new SignatureVerdict(signed.Count, "audit-trail", "audit", "Audrey Auditor", Start.AddMinutes(signed.Count - 1), true, null,
            "auditor", "auditor"));
    }

    [Fact]
    public void An_audit_signature_fails_when_an_event_it_covers_changes_or_a_new_one_slips_in_before_it()
    {
        var (log, hashes) = Stored([.. ReviewWithTeam(), Imported(R1), .. IncludedAtTitleAbstract(R1)]);
        var audit = AuditOf(log, hashes);

        var changed = new Dictionary<string, string>(hashes) { [ChainLink.IdFor(R1, 2)] = new string('f', 64) };
        SignatureCheck.Check(ReviewId, Append(log, audit), changed).Single().Valid.ShouldBeFalse();

        var (longer, longerHashes) = Stored([.. ReviewWithTeam(), Imported(R1), .. IncludedAtTitleAbstract(R1), Imported(R2)]);
        var verdict = SignatureCheck.Check(ReviewId, Append(longer, audit), longerHashes).Single();
        verdict.Valid.ShouldBeFalse();
        verdict.Problem.ShouldBe("The signed state hash does not match the events it claims to cover.");
    }

    [Fact]
    public void A_sign_off_carried_to_another_state_fails()
    {
        var (log, hashes) = Stored([.. ReviewWithTeam(), Imported(R1), .. IncludedAtTitleAbstract(R1), Imported(R2), .. ExcludedAtTitleAbstract(R2)]);
        var onlyR1 = StateHash.Of(ReviewId.ToString("D"), "title-abstract", [(R1.ToString("D"), "include")]);
        var signOff = new SignatureRecorded(ReviewId, SignatureScope.TitleAbstract, "approval", onlyR1, 1, Lead, Role.Lead, Start);

        SignatureCheck.Check(ReviewId, Append(log, signOff), hashes).Single().Valid.ShouldBeFalse();
    }

    /// <summary>A signature stored before the fixed list of meanings: free text, no role, no authentication time.</summary>
    [Fact]
    public void A_free_text_signature_stored_before_the_fixed_meanings_still_reads_and_verifies()
    {
        var (log, hashes) = Stored([.. ReviewWithTeam(), Imported(R1), .. IncludedAtTitleAbstract(R1)]);
        var state = StateHash.Of(ReviewId.ToString("D"), "title-abstract", [(R1.ToString("D"), "include")]);
        var stored = $$$"""
            {"reviewId":"{{{ReviewId}}}","scope":"title-abstract","meaning":"Approved title/abstract screening","stateHash":"{{{state}}}",
             "records":1,"by":{"id":"lead","name":"Lena Lead"}}
            """;
        var old = JsonSerializer.Deserialize<SignatureRecorded>(stored, EventReviewJson.Options)!;
        (old.Role, old.AuthenticatedAt).ShouldBe((null, null));

        var verdict = SignatureCheck.Check(ReviewId, Append(log, old), hashes).ShouldHaveSingleItem();
        (verdict.Valid, verdict.Meaning, verdict.SignedBy, verdict.Role).ShouldBe((true, "Approved title/abstract screening", "Lena Lead", (string?)null));
    }

    private static SignatureRecorded AuditOf(List<IEvent> log, Dictionary<string, string> hashes)
    {
        var entries = log.Select(e => ChainLink.IdFor(e.StreamId, e.Version)).Select(id => (id, hashes[id]));
        return new SignatureRecorded(ReviewId, SignatureScope.AuditTrail, "audit", StateHash.Of(ReviewId.ToString("D"), "audit-trail", entries),
            log.Count, Auditor, Role.Auditor, Start);
    }

    /// <summary>The history in log order, each event one minute after the last, with a distinct stand-in chain hash each.</summary>
    private static (List<IEvent> Log, Dictionary<string, string> Hashes) Stored(object[] history)
    {
        var log = new List<IEvent>();
        foreach (var data in history) log = Append(log, data);
        var hashes = log.ToDictionary(e => ChainLink.IdFor(e.StreamId, e.Version), e => e.Sequence.ToString("x64", System.Globalization.CultureInfo.InvariantCulture));
        return (log, hashes);
    }

    private static List<IEvent> Append(List<IEvent> log, object data)
    {
        var stream = data is IRecordEvent r ? r.RecordId : ((IReviewEvent)data).ReviewId;
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.StreamId = stream;
        e.Version = log.Count(x => x.StreamId == stream) + 1;
        e.Sequence = log.Count + 1;
        e.Timestamp = Start.AddMinutes(log.Count);
        return [.. log, e];
    }
}
