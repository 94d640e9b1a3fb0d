using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

public class StateHashTests
{
    private static readonly (string, string)[] Included = [("rec-2", "exclude"), ("rec-10", "include"), ("rec-1", "include")];

    [Fact]
    public void State_hash_is_sha256_of_the_canonical_state()
    {
        // Ordinal key order puts "rec-10" between "rec-1" and "rec-2". printf '%s' '{"entries":{"rec-1":"include",
        // "rec-10":"include","rec-2":"exclude"},"format":"eventreview-state","reviewId":"review-1","scope":"title-abstract"}' | sha256sum
        StateHash.Of("review-1", "title-abstract", Included)
            .ShouldBe("ae36015cae56d307cb433f3a644e886d2ed08935383deef1070f9b3976f15bec");
    }

    [Fact]
    public void Entry_order_does_not_matter()
    {
        StateHash.Of("review-1", "title-abstract", Included.Reverse())
            .ShouldBe(StateHash.Of("review-1", "title-abstract", Included));
    }

    [Fact]
    public void A_signed_state_cannot_be_moved_to_other_records_decisions_stages_or_reviews()
    {
        var signed = StateHash.Of("review-1", "title-abstract", Included);

        StateHash.Of("review-1", "title-abstract", [("rec-3", "exclude"), ("rec-10", "include"), ("rec-1", "include")]).ShouldNotBe(signed);
        StateHash.Of("review-1", "title-abstract", [("rec-2", "include"), ("rec-10", "include"), ("rec-1", "include")]).ShouldNotBe(signed);
        StateHash.Of("review-1", "full-text", Included).ShouldNotBe(signed);
        StateHash.Of("review-2", "title-abstract", Included).ShouldNotBe(signed);
    }

    [Fact]
    public void A_record_listed_twice_is_rejected()
    {
        Should.Throw<AuditFormatException>(() => StateHash.Of("review-1", "full-text", [("rec-1", "include"), ("rec-1", "exclude")]));
    }
}
