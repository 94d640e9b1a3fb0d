using System.Text.Json;
using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

public class ChainVerifierTests
{
    private static readonly DateTimeOffset Now = new(2025, 4, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_intact_log_verifies()
    {
        var log = ReviewLog.Sample();

        var report = ChainVerifier.Verify(log);

        report.Intact.ShouldBeTrue();
        report.FirstFailure.ShouldBeNull();
        report.EventsChecked.ShouldBe(9);
        report.Streams.ShouldBe(3);
        report.LastSequence.ShouldBe(9);
        report.Head.ShouldBe(log.Aggregate(HashChain.EmptyHead, (head, e) => HashChain.NextHead(head, e.Hash)));
    }

    [Fact]
    public void A_changed_byte_in_event_data_is_found_at_that_event()
    {
        var log = ReviewLog.Sample();
        var target = log.At("record-b", 1);
        var edited = target with { Data = ReviewLog.Json(target.Data.GetRawText().Replace("2021", "2020", StringComparison.Ordinal)) };
        log[log.IndexOf(target)] = edited;

        var failure = ChainVerifier.Verify(log).FirstFailure!;

        failure.Kind.ShouldBe(ChainFailureKind.DataChanged);
        (failure.Sequence, failure.StreamId, failure.Version).ShouldBe((3L, "record-b", 1L));
    }

    [Fact]
    public void A_deleted_event_is_a_version_gap_at_the_next_event_of_its_stream()
    {
        var log = ReviewLog.Sample();
        log.Remove(log.At("record-a", 2));

        var failure = ChainVerifier.Verify(log).FirstFailure!;

        failure.Kind.ShouldBe(ChainFailureKind.VersionGap);
        (failure.Sequence, failure.StreamId, failure.Version).ShouldBe((6L, "record-a", 3L));
        failure.Message.ShouldContain("version 2 of the stream is missing");
    }

    [Fact]
    public void Two_swapped_events_of_one_stream_are_out_of_order()
    {
        var log = Swap(ReviewLog.Sample(), "record-a", 2, "record-a", 3);

        var failure = ChainVerifier.Verify(log).FirstFailure!;

        failure.Kind.ShouldBe(ChainFailureKind.OutOfOrder);
        (failure.Sequence, failure.StreamId, failure.Version).ShouldBe((6L, "record-a", 3L));
    }

    [Fact]
    public void Two_swapped_events_are_out_of_order_even_when_their_sequences_are_swapped_too()
    {
        var log = ReviewLog.Renumber(Swap(ReviewLog.Sample(), "record-a", 2, "record-a", 3));

        var failure = ChainVerifier.Verify(log).FirstFailure!;

        failure.Kind.ShouldBe(ChainFailureKind.OutOfOrder);
        (failure.Sequence, failure.StreamId, failure.Version).ShouldBe((4L, "record-a", 3L));
    }

    [Fact]
    public void Two_swapped_events_of_different_streams_are_out_of_order()
    {
        var log = Swap(ReviewLog.Sample(), "record-a", 2, "record-b", 2);

        var failure = ChainVerifier.Verify(log).FirstFailure!;

        failure.Kind.ShouldBe(ChainFailureKind.OutOfOrder);
        (failure.Sequence, failure.StreamId, failure.Version).ShouldBe((4L, "record-a", 2L));
    }

    [Fact]
    public void A_forged_event_inserted_with_a_valid_hash_is_named()
    {
        // The forger knows the scheme: the inserted event links correctly and hashes correctly, and the stream's
        // later versions and all sequences are renumbered. The next event's link still points past it.
        var log = ReviewLog.Sample();
        var first = log.At("record-a", 1);
        var forged = ChainedEvent.Create(
            first.ToCanonical() with { StreamVersion = 2, EventType = "ScreeningVoteCast", Data = ReviewLog.Json("""{"stage":"title-abstract","decision":"exclude"}""") },
            sequence: 0, previousHash: first.Hash);
        var shifted = log.Select(e => e.StreamId == "record-a" && e.StreamVersion >= 2 ? e with { StreamVersion = e.StreamVersion + 1 } : e).ToList();
        shifted.Insert(log.IndexOf(first) + 1, forged);
        log = ReviewLog.Renumber(shifted);

        var failure = ChainVerifier.Verify(log).FirstFailure!;

        failure.Kind.ShouldBe(ChainFailureKind.Forged);
        (failure.Sequence, failure.StreamId, failure.Version).ShouldBe((3L, "record-a", 2L));
    }

    [Fact]
    public void A_replayed_copy_of_an_event_is_out_of_order()
    {
        var log = ReviewLog.Sample();
        var original = log.At("record-a", 2);
        log.Insert(log.IndexOf(original) + 1, original);

        var failure = ChainVerifier.Verify(ReviewLog.Renumber(log)).FirstFailure!;

        failure.Kind.ShouldBe(ChainFailureKind.OutOfOrder);
        (failure.Sequence, failure.StreamId, failure.Version).ShouldBe((5L, "record-a", 2L));
    }

    [Fact]
    public void A_stream_first_event_moved_to_another_stream_is_forged()
    {
        var log = ReviewLog.Sample();
        var target = log.At("record-b", 1);
        log[log.IndexOf(target)] = target with { StreamId = "record-c" };

        var failure = ChainVerifier.Verify(log).FirstFailure!;

        failure.Kind.ShouldBe(ChainFailureKind.Forged);
        (failure.Sequence, failure.StreamId).ShouldBe((3L, "record-c"));
        failure.Message.ShouldContain("genesis");
    }

    [Fact]
    public void A_truncated_tail_goes_unnoticed_without_a_checkpoint()
    {
        // Why checkpoints exist: a prefix of a valid log is itself a valid log.
        ChainVerifier.Verify(ReviewLog.Sample().Take(7)).Intact.ShouldBeTrue();
    }

    [Fact]
    public void The_report_serializes_with_camel_case_names_and_kebab_case_kinds()
    {
        var log = ReviewLog.Sample();
        log.Remove(log.At("record-a", 2));
        var json = JsonSerializer.Serialize(ChainVerifier.Verify(log), JsonSerializerOptions.Web);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("intact").GetBoolean().ShouldBeFalse();
        root.GetProperty("eventsChecked").GetInt64().ShouldBe(4); // sequences 1, 2, 3 and 5 precede the gap at 6
        root.GetProperty("streams").GetInt32().ShouldBe(3);
        var failure = root.GetProperty("firstFailure");
        failure.GetProperty("kind").GetString().ShouldBe("version-gap");
        failure.GetProperty("sequence").GetInt64().ShouldBe(6);
        failure.GetProperty("streamId").GetString().ShouldBe("record-a");
        failure.GetProperty("version").GetInt64().ShouldBe(3);
    }

    private static List<ChainedEvent> Swap(List<ChainedEvent> log, string streamA, long versionA, string streamB, long versionB)
    {
        int a = log.IndexOf(log.At(streamA, versionA)), b = log.IndexOf(log.At(streamB, versionB));
        (log[a], log[b]) = (log[b], log[a]);
        return log;
    }
}
