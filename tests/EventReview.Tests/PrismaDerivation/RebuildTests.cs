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

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, EventReview.Hosting.EventReviewJson.Options);
}
