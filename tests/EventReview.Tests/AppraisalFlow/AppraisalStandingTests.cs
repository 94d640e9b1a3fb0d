using EventReview.Appraisal;
using Shouldly;

namespace EventReview.Tests.AppraisalFlow;

/// <summary>Whose ratings count, as a pure function of the ratings given (SANRA: six items scored 0 to 2, maximum 12).</summary>
public class AppraisalStandingTests
{
    private static readonly AppraisalInstrument Sanra = Sanra2.Instrument;

    private static IEnumerable<GivenRating> By(string rater, string ratings, bool consensus = false) =>
        ratings.Split(' ').Select((r, i) => (r, i)).Where(x => x.r != "-").Select(x =>
            new GivenRating(Sanra2.Id, "2019", (x.i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), x.r, null, rater, rater,
                consensus, 0, DateTimeOffset.UnixEpoch.AddMinutes(rater.Length)));

    private static AppraisalStanding Of(int appraisersPerRecord, params IEnumerable<GivenRating>[] ratings) =>
        AppraisalStandings.Of(Sanra, Sanra.DefaultScoring, ratings.SelectMany(r => r), appraisersPerRecord);

    [Fact]
    public void A_single_appraisers_complete_ratings_are_final_when_one_appraiser_is_required()
    {
        // 2 + 2 + 1 + 2 + 2 + 1 = 10/12.
        var standing = Of(1, By("a", "2 2 1 2 2 1"));

        (standing.Basis, standing.Final, standing.Result!.Score, standing.Result.Maximum).ShouldBe((AppraisalBasis.SingleAppraiser, true, 10, 12));
        Of(2, By("a", "2 2 1 2 2 1")).Final.ShouldBeFalse();
    }

    [Fact]
    public void Items_rated_by_one_of_two_appraisers_are_pending_and_count_as_unrated()
    {
        // b has rated items 1 and 2 alike; 3 to 6 wait for b: 2 + 2 = 4 of 12, incomplete.
        var standing = Of(2, By("a", "2 2 1 2 2 1"), By("b", "2 2 - - - -"));

        (standing.Basis, standing.Final, standing.Result!.Score, standing.Result.Complete).ShouldBe((AppraisalBasis.Agreement, false, 4, false));
        standing.PendingItems.ShouldBe(["3", "4", "5", "6"]);
    }

    [Fact]
    public void Differing_ratings_leave_no_score_until_consensus_settles_each_disputed_item()
    {
        var a = By("a", "2 2 1 2 2 1");
        var b = By("b", "2 1 1 2 2 0");

        var disputed = Of(2, a, b);
        (disputed.Basis, disputed.Result, disputed.Final).ShouldBe((AppraisalBasis.AwaitingConsensus, (AppraisalResult?)null, false));
        disputed.DisputedItems.ShouldBe(["2", "6"]);

        Of(2, a, b, By("lead", "- 2 - - - -", consensus: true)).DisputedItems.ShouldBe(["6"]);

        // Consensus 2 on item 2 and 0 on item 6: 2 + 2 + 1 + 2 + 2 + 0 = 9/12 = 75%.
        var settled = Of(2, a, b, By("lead", "- 2 - - - 0", consensus: true));
        (settled.Basis, settled.Final, settled.Result!.Score, settled.Result.Verdict).ShouldBe((AppraisalBasis.Consensus, true, 9, AppraisalVerdict.Accepted));
    }

    [Fact]
    public void A_consensus_on_every_item_is_final_whatever_the_number_of_appraisers()
    {
        // 0 + 1 + 1 + 1 + 1 + 1 = 5/12 = 41.7% < 70%: rejected.
        var standing = Of(3, By("a", "2 2 1 2 2 1"), By("lead", "0 1 1 1 1 1", consensus: true));

        (standing.Final, standing.Rejected, standing.Result!.Score).ShouldBe((true, true, 5));
    }
}
