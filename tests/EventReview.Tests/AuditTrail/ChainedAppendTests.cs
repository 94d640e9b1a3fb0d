using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Tests.Faults;
using EventReview.Tests.Infrastructure;
using Marten;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.AuditTrail;

/// <summary>
/// Events are appended in Marten's quick mode, where an event's version is known before the write only when the
/// append names the version it expects. The hash chain covers that version, so an append that names none must be
/// refused before anything is written, never stored with a link computed for a wrong version.
/// </summary>
public class ChainedAppendTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_append_that_does_not_name_the_streams_version_is_refused_and_stores_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        var eventsBefore = await StoreChecks.ScalarAsync(db, "select count(*) from eventreview.mt_events where stream_id = $1", record);

        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(record, new ScreeningVoteCast(review.ReviewId, record, Stage.TitleAbstract, Decision.Include,
                null, null, false, new Actor(review.S1, review.S1)));
            var refused = await Should.ThrowAsync<InvalidOperationException>(() => session.SaveChangesAsync(ct));
            refused.Message.ShouldContain("did not name the version it expects");
        }

        (await StoreChecks.ScalarAsync(db, "select count(*) from eventreview.mt_events where stream_id = $1", record)).ShouldBe(eventsBefore);
        StoreChecks.ChainIsIntact(db, review.ReviewId);
    }

    [Fact]
    public async Task An_append_naming_its_version_is_chained_with_the_version_and_timestamp_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(record, 2, new ScreeningVoteCast(review.ReviewId, record, Stage.TitleAbstract, Decision.Include,
                null, null, false, new Actor(review.S1, review.S1)));
            await session.SaveChangesAsync(ct);
        }

        // The verifier recomputes every hash from the stored version and timestamp, so a link computed before the
        // write from anything else would fail it.
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        (await StoreChecks.ScalarAsync(db, "select max(version) from eventreview.mt_events where stream_id = $1", record)).ShouldBe(2);
        (await StoreChecks.ScalarAsync(db, "select count(*) from eventreview.mt_doc_chainlink where id = $1", $"{record:D}:2")).ShouldBe(1);
        StoreChecks.ChainIsIntact(db, review.ReviewId);
    }
}
