using System.Net;
using EventReview.Records;
using EventReview.Screening;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Screening;

public class ScreeningWorkflowTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_record_goes_from_import_to_inclusion()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.AwaitingTitleAbstract);

        await review.ToFullTextAsync(record);
        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.AwaitingFullText);

        (await review.VoteAsync(review.S1, record, "include", "full-text")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.VoteAsync(review.S2, record, "include", "full-text")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.Included);
    }

    [Fact]
    public async Task Unanimous_exclusion_at_title_abstract_decides_without_a_resolution()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        await review.VoteAsync(review.S1, record, "exclude", reasonCode: "wrong-population");
        await review.VoteAsync(review.S2, record, "exclude", reasonCode: "wrong-population");

        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.ExcludedTitleAbstract);
        (await review.TrailAsync(record)).Names.ShouldBe(["record_imported", "screening_vote_cast", "screening_vote_cast", "screening_decided"]);
    }

    [Fact]
    public async Task Full_text_exclusion_records_its_reason()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.ToFullTextAsync(record);

        await review.VoteAsync(review.S1, record, "exclude", "full-text", "wrong-design");
        await review.VoteAsync(review.S2, record, "exclude", "full-text", "wrong-design");

        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.ExcludedFullText);
        (await review.RecordPageAsync("reason=wrong-design")).Records.Select(r => r.Id).ShouldBe([record]);
    }

    [Fact]
    public async Task A_report_not_retrieved_needs_a_note_and_stops_there()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");
        await review.VoteAsync(review.S2, record, "include");

        await (await review.RetrievalAsync(record, false)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await review.RetrievalAsync(record, false, "Paywalled; author did not reply")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.NotRetrieved);
        await (await review.VoteAsync(review.S1, record, "include", "full-text")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "full-text-not-retrieved");
    }

    [Fact]
    public async Task Disagreement_is_a_conflict_that_a_resolver_decides()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");
        await (await review.ResolveAsync(review.Resolver, record, "include")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "votes-incomplete");
        await review.VoteAsync(review.S2, record, "exclude", reasonCode: "wrong-population");
        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.TitleAbstractConflict);

        await (await review.ResolveAsync(review.S1, record, "include")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await review.ResolveAsync(review.Resolver, record, "include", note: "Population matches on full reading")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.AwaitingRetrieval);
        var decided = (await review.TrailAsync(record)).Events[^1];
        decided.Event.ShouldBe("screening_decided");
        decided.ActorId.ShouldBe(review.Resolver);
        decided.Note.ShouldBe("Population matches on full reading");
    }

    [Fact]
    public async Task A_revised_vote_keeps_both_votes_in_the_trail_and_the_second_carries_its_note()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "exclude", reasonCode: "wrong-population");

        await (await review.VoteAsync(review.S1, record, "include")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await review.VoteAsync(review.S1, record, "include", note: "Misread the population")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var votes = (await review.TrailAsync(record)).Votes;
        votes.Select(v => v.Decision).ShouldBe(["exclude", "include"]);
        votes.Select(v => v.ReasonCode).ShouldBe(["wrong-population", null]);
        votes[1].Note.ShouldBe("Misread the population");
        votes.ShouldAllBe(v => v.ActorId == review.S1);
    }

    [Fact]
    public async Task The_trail_gives_actor_printed_name_server_time_and_correlation_id_in_order()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var response = await review.SendAsync(review.S1, HttpMethod.Post, $"/records/{record}/votes",
            new { stage = "title-abstract", decision = "include" }, new Dictionary<string, string> { ["X-Correlation-ID"] = "vote-trace-42" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = (await review.TrailAsync(record)).Events;
        events.Select(e => e.Sequence).ShouldBeInOrder();
        var vote = events[^1];
        vote.ActorId.ShouldBe(review.S1);
        vote.CorrelationId.ShouldBe("vote-trace-42");
        vote.At.ShouldBeInRange(before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task The_queue_lists_what_still_needs_the_callers_vote_in_import_order()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(5);
        await review.VoteAsync(review.S1, records[1], "include");

        var queue = await review.GetAsync<ScreeningQueue>(review.S1, "/queue?stage=title-abstract");
        queue.Remaining.ShouldBe(4);
        queue.VotedByMe.ShouldBe(1);
        queue.Records.Select(r => r.Id).ShouldBe([records[0], records[2], records[3], records[4]]);
        (await review.GetAsync<ScreeningQueue>(review.S2, "/queue")).Remaining.ShouldBe(5);
    }
}
