using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

public class HashChainTests
{
    private static readonly string PreviousHash = new('a', 64);

    private static readonly CanonicalEvent Vote = new(
        StreamId: "record-a",
        StreamVersion: 2,
        EventType: "ScreeningVoteCast",
        Data: ReviewLog.Json("""{"stage":"title-abstract","score":1.50,"note":"Müller \"2019\"\n","decision":"include"}"""),
        ActorId: "seed-screener-1",
        ActorName: "Ana Müller",
        Timestamp: new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(1)).AddTicks(1_234_567),
        CorrelationId: null);

    // Written by hand from the rules: keys sorted, 1.50 -> 1.5, time moved to UTC (05:06 +01:00 -> 04:06Z)
    // and cut to microseconds (.1234567 -> .123456), null correlation, causation and headers kept as null, the default
    // tenant and the archived flag written out.
    private const string VoteEnvelope =
        """{"actorId":"seed-screener-1","actorName":"Ana Müller","archived":false,"causationId":null,"correlationId":null,"data":{"decision":"include","note":"Müller \"2019\"\n","score":1.5,"stage":"title-abstract"},"format":2,"headers":null,"previousHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","streamId":"record-a","streamVersion":2,"tenantId":"*DEFAULT*","timestamp":"2025-03-04T04:06:07.123456Z","type":"ScreeningVoteCast"}""";

    // Format 1, as links written before format 2 hold it: no archived flag, causation, headers or tenant.
    private const string VoteEnvelopeFormat1 =
        """{"actorId":"seed-screener-1","actorName":"Ana Müller","correlationId":null,"data":{"decision":"include","note":"Müller \"2019\"\n","score":1.5,"stage":"title-abstract"},"previousHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","streamId":"record-a","streamVersion":2,"timestamp":"2025-03-04T04:06:07.123456Z","type":"ScreeningVoteCast"}""";

    [Fact]
    public void Canonical_json_of_an_event_is_the_hand_written_envelope()
    {
        Vote.CanonicalJson(PreviousHash).ShouldBe(VoteEnvelope);
    }

    [Fact]
    public void Canonical_json_of_a_format_1_event_is_the_envelope_it_was_hashed_with()
    {
        (Vote with { Format = 1 }).CanonicalJson(PreviousHash).ShouldBe(VoteEnvelopeFormat1);
        // python3: hashlib.sha256(VoteEnvelopeFormat1.encode()).hexdigest()
        HashChain.Compute(PreviousHash, Vote with { Format = 1 }).ShouldBe("91a92271a7e5b2a3ba7786c05af5df34b5a28092cd4d2da5b5d9ee94efb2864b");
    }

    [Fact]
    public void Editing_any_column_a_read_shows_changes_the_hash()
    {
        var hash = HashChain.Compute(PreviousHash, Vote);

        HashChain.Compute(PreviousHash, Vote with { Archived = true }).ShouldNotBe(hash);
        HashChain.Compute(PreviousHash, Vote with { CausationId = "x" }).ShouldNotBe(hash);
        HashChain.Compute(PreviousHash, Vote with { Headers = ReviewLog.Json("""{"a":1}""") }).ShouldNotBe(hash);
        HashChain.Compute(PreviousHash, Vote with { TenantId = "other" }).ShouldNotBe(hash);
        HashChain.Compute(PreviousHash, Vote with { CorrelationId = "x" }).ShouldNotBe(hash);
    }

    [Fact]
    public void Canonical_json_of_an_event_is_already_rfc_8785_canonical()
    {
        var envelope = Vote.CanonicalJson(PreviousHash);

        Jcs.Canonicalize(envelope).ShouldBe(envelope);
    }

    [Fact]
    public void Event_hash_is_sha256_of_the_envelope()
    {
        // python3: hashlib.sha256(VoteEnvelope.encode()).hexdigest()
        HashChain.Compute(PreviousHash, Vote).ShouldBe("aa7c3b44707224d2897be8baae2e42c4b28420719da75b51ec5a33c549d329ea");
    }

    [Fact]
    public void Genesis_is_sha256_of_the_prefixed_stream_id()
    {
        // printf 'eventreview:genesis:record-a' | sha256sum
        HashChain.Genesis("record-a").ShouldBe("bd755f045285aecf22ecb338f38a9f5762e48a10a3eb97d51b17a4544781832e");
    }

    [Fact]
    public void The_same_first_event_hashes_differently_in_another_stream()
    {
        var inOwnStream = HashChain.Compute(HashChain.Genesis("record-a"), Vote with { StreamVersion = 1 });
        var moved = HashChain.Compute(HashChain.Genesis("record-b"), Vote with { StreamVersion = 1, StreamId = "record-b" });

        moved.ShouldNotBe(inOwnStream);
    }

    [Fact]
    public void Next_head_hashes_the_previous_head_and_the_event_hash_as_bytes()
    {
        // (32 zero bytes || genesis of record-a as bytes) | sha256sum, built with printf and xxd -r -p
        HashChain.NextHead(HashChain.EmptyHead, HashChain.Genesis("record-a"))
            .ShouldBe("d336f78765cef9ba62a6822a702e2e235473d9810741ef00f518f3923bbfbf11");
    }

    [Fact]
    public void Event_data_spelled_differently_hashes_the_same()
    {
        var respelled = Vote with { Data = ReviewLog.Json("""{ "decision" : "include", "stage":"title-abstract", "score":15e-1, "note":"M\u00fcller \"2019\"\u000a" }""") };

        HashChain.Compute(PreviousHash, respelled).ShouldBe(HashChain.Compute(PreviousHash, Vote));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9_007_199_254_740_993)]
    public void Stream_versions_outside_1_to_2_pow_53_are_rejected(long version)
    {
        Should.Throw<AuditFormatException>(() => HashChain.Compute(PreviousHash, Vote with { StreamVersion = version }));
    }
}

public class ChainTimestampTests
{
    [Fact]
    public void Times_are_written_in_utc_with_six_fractional_digits()
    {
        // 23:59:59.9999999 at -02:00 is 01:59:59.9999999 UTC the next day; the seventh digit is cut, not rounded.
        var time = new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.FromHours(-2)).AddTicks(9_999_999);

        ChainTimestamp.Format(time).ShouldBe("2025-01-01T01:59:59.999999Z");
        ChainTimestamp.Normalize(time).ShouldBe(new DateTimeOffset(2025, 1, 1, 1, 59, 59, TimeSpan.Zero).AddTicks(9_999_990));
    }

    [Fact]
    public void A_normalized_time_survives_format_and_parse()
    {
        var time = ChainTimestamp.Normalize(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(5)).AddTicks(1_234_567));

        ChainTimestamp.Parse(ChainTimestamp.Format(time)).ShouldBe(time);
    }

    [Theory]
    [InlineData("2025-03-04T04:06:07Z")]
    [InlineData("2025-03-04T04:06:07.123456+00:00")]
    [InlineData("2025-03-04 04:06:07.123456Z")]
    public void Other_time_forms_are_rejected(string text)
    {
        Should.Throw<AuditFormatException>(() => ChainTimestamp.Parse(text));
    }
}
