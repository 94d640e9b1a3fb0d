using Alba;
using EventReview.Hosting;
using EventReview.Reviews;
using EventReview.Seed;
using EventReview.Tests.Infrastructure;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace EventReview.Tests.Seed;

/// <summary>`serve` on an empty database loads the seed review before it takes requests; on any other database it loads nothing.</summary>
public class FirstStartTests
{
    [Fact]
    public async Task The_first_start_on_an_empty_database_loads_the_seed_and_a_restart_loads_nothing_more()
    {
        var database = await TestDatabase.CreateAsync("seed-first-start");
        long events;
        await using (var host = await StartAsync(database, loadSeed: true))
        {
            var reviews = await ReviewsAsync(host);
            reviews.Select(r => r.Id).ShouldBe([SeedPaper.ReviewId]);
            reviews[0].ReportedFlow.ShouldNotBeNull();
            events = await EventCountAsync(host);
            events.ShouldBeGreaterThan(1900);
        }

        await using (var again = await StartAsync(database, loadSeed: true))
        {
            (await EventCountAsync(again)).ShouldBe(events);
        }
    }

    [Fact]
    public async Task A_database_that_holds_a_review_or_a_start_with_the_option_off_loads_no_seed()
    {
        var database = await TestDatabase.CreateAsync("seed-not-first");
        await using (var off = await StartAsync(database, loadSeed: false))
        {
            (await ReviewsAsync(off)).ShouldBeEmpty();
            await using var session = off.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            var id = Guid.NewGuid();
            session.Events.StartStream<Review>(id, [.. CreateReviewEndpoint.Decide(id, new CreateReview("Another review", null, null), SeedMembers.Lead)]);
            await session.SaveChangesAsync();
        }

        await using var on = await StartAsync(database, loadSeed: true);
        (await ReviewsAsync(on)).Select(r => r.Title).ShouldBe(["Another review"]);
    }

    private static async Task<IAlbaHost> StartAsync(string connectionString, bool loadSeed)
    {
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:" + EventReviewApp.ConnectionStringName] = connectionString,
            ["EventReview:Auth:SigningKey"] = AppFixture.SigningKey,
            ["EventReview:Audit:SealKey"] = AppFixture.SealKeyPem,
            ["EventReview:Audit:CheckpointDirectory"] = AppFixture.CheckpointDirectoryFor(connectionString),
            ["EventReview:DataDirectory"] = Path.Combine(Path.GetTempPath(), "eventreview-tests", nameof(FirstStartTests)),
            ["EventReview:LoadSeedOnFirstStart"] = loadSeed ? "true" : "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }));
        return await AlbaHost.For(builder, EventReviewApp.Configure);
    }

    private static async Task<IReadOnlyList<Review>> ReviewsAsync(IAlbaHost host)
    {
        await using var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.Query<Review>().ToListAsync();
    }

    private static async Task<long> EventCountAsync(IAlbaHost host)
    {
        await using var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.Events.QueryAllRawEvents().CountAsync();
    }
}
