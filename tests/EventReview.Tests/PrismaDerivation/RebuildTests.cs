using EventReview.Prisma;
using EventReview.Rebuild;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Tests.Infrastructure;
using Marten;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.PrismaDerivation;

/// <summary>Its own database: a rebuild touches every projection of the store.</summary>
public class RebuildFixture : AppFixture;

public class RebuildTests(RebuildFixture app) : IClassFixture<RebuildFixture>
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Live_projections_equal_a_pure_fold_and_a_rebuild_and_keep_the_invariants(int seed)
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await RandomHistory.RunAsync(review, records: 30, seed);
        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        var ct = TestContext.Current.CancellationToken;
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);

        await using var session = store.QuerySession();
        var reviewDoc = (await session.LoadAsync<Review>(review.ReviewId, ct))!;
        var live = await PrismaQueries.LiveAsync(db, reviewDoc, ct);
        var (foldedReview, folded) = await PrismaQueries.AsOfAsync(session, review.ReviewId, null, null, ct);
        var stored = await session.Query<RecordState>().Where(r => r.ReviewId == review.ReviewId).ToListAsync(ct);

        PrismaInvariants.Check(live).ShouldBeEmpty();
        Json(PrismaCounting.Flow(foldedReview!, folded)).ShouldBe(Json(live));
        foreach (var (fold, doc) in folded.OrderBy(r => r.Id).Zip(stored.OrderBy(r => r.Id)))
            Json(fold).ShouldBe(Json(doc));

        var rebuild = await ProjectionRebuilder.RebuildAllAsync(store, db, ct);
        rebuild.Identical.ShouldBeTrue();
        Json(await PrismaQueries.LiveAsync(db, reviewDoc, ct)).ShouldBe(Json(live));
    }

    [Fact]
    public async Task A_damaged_record_document_is_restored_from_the_events_by_a_rebuild()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await RandomHistory.RunAsync(review, records: 10, seed: 21);
        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        var ct = TestContext.Current.CancellationToken;
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        var intact = await ProjectionFingerprints.ComputeAsync(db, null, ct);

        // A record document edited behind the product's back, and another one lost.
        string[] damage =
        [
            """
            update eventreview.mt_doc_recordstate set data = jsonb_set(data, '{status}', '"included"'), status = 'included'
            where id = (select id from eventreview.mt_doc_recordstate where review_id = $1 order by id limit 1)
            """,
            "delete from eventreview.mt_doc_recordstate where id = (select id from eventreview.mt_doc_recordstate where review_id = $1 order by id desc limit 1)",
        ];
        foreach (var sql in damage)
        {
            await using var command = db.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = review.ReviewId });
            (await command.ExecuteNonQueryAsync(ct)).ShouldBe(1);
        }
        (await ProjectionFingerprints.ComputeAsync(db, null, ct))["records"].ShouldNotBe(intact["records"]);

        var rebuild = await ProjectionRebuilder.RebuildAllAsync(store, db, ct);

        rebuild.After.ShouldBe(intact);
    }

    [Fact]
    public async Task A_fingerprint_is_recomputed_by_PostgreSQL_alone_from_the_stored_documents()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await RandomHistory.RunAsync(review, records: 5, seed: 22);
        var ct = TestContext.Current.CancellationToken;
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);

        // What an auditor can run in psql: SHA-256 over "id\njson\n" of every document in id order.
        await using var command = db.CreateCommand("""
            select encode(sha256(convert_to(coalesce(string_agg(id::text || E'\n' || data::text || E'\n', '' order by id::text), ''), 'UTF8')), 'hex')
            from eventreview.mt_doc_recordstate
            """);
        var byPostgres = (string)(await command.ExecuteScalarAsync(ct))!;

        (await ProjectionFingerprints.ComputeAsync(db, null, ct))["records"].ShouldBe(byPostgres);
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, EventReview.Hosting.EventReviewJson.Options);
}
