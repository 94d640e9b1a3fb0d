using EventReview.Identity;
using EventReview.Records;
using EventReview.Labels;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Tests.Faults;
using EventReview.Tests.Infrastructure;
using Marten;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Records;

/// <summary>
/// The import writes its rows with COPY rather than through Marten's session. These tests hold it to what Marten
/// itself writes for the same event, column by column, so nothing that reads the store can tell the two apart.
/// </summary>
public class BulkImportRowsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Schema = "eventreview";

    [Fact]
    public async Task Imported_rows_match_the_rows_Marten_writes_for_the_same_event_in_every_table()
    {
        var ct = TestContext.Current.CancellationToken;
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync();
        var bulk = (await review.ImportAsync(search, ReviewScenario.Ris(1, "Bulk"))).RecordIds![0];

        // The same kind of event appended the ordinary way, through a Marten session.
        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        var viaMarten = Guid.CreateVersion7();
        await using (var session = store.LightweightSession())
        {
            var record = new BibRecord { Title = "Appended through Marten", Year = 2020 };
            session.Events.StartStream<RecordState>(viaMarten,
                new RecordImported(review.ReviewId, viaMarten, search, "marten#1", 99, record, new Actor(review.Lead, review.Lead)));
            await session.SaveChangesAsync(ct);
        }

        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        (await RowAsync(db, "type, version, tenant_id, is_archived, compacted_version", "mt_streams", "id", bulk, ct))
            .ShouldBe(await RowAsync(db, "type, version, tenant_id, is_archived, compacted_version", "mt_streams", "id", viaMarten, ct));
        const string eventColumns = "type, version, tenant_id, mt_dotnet_type, bdata is null, causation_id is null, headers is null, is_archived, "
            + "(select array_agg(k order by k) from jsonb_object_keys(data) k)";
        (await RowAsync(db, eventColumns, "mt_events", "stream_id", bulk, ct))
            .ShouldBe(await RowAsync(db, eventColumns, "mt_events", "stream_id", viaMarten, ct));
        const string documentColumns = "mt_version, mt_dotnet_type, review_id, status, title_abstract_pattern, full_text_pattern, "
            + "title_abstract_vote_count, full_text_vote_count, (select array_agg(k order by k) from jsonb_object_keys(data) k)";
        (await RowAsync(db, documentColumns, "mt_doc_recordstate", "id", bulk, ct))
            .ShouldBe(await RowAsync(db, documentColumns, "mt_doc_recordstate", "id", viaMarten, ct));
        const string linkColumns = "mt_dotnet_type, data ->> 'version', (select array_agg(k order by k) from jsonb_object_keys(data) k)";
        (await RowAsync(db, linkColumns, "mt_doc_chainlink", "id", $"{bulk:D}:1", ct))
            .ShouldBe(await RowAsync(db, linkColumns, "mt_doc_chainlink", "id", $"{viaMarten:D}:1", ct));

        // Each bulk-written column holds what the event says: the document is the fold, the chain verifies.
        await StoreChecks.RecordsEqualTheirEventsAsync(store, review.ReviewId, ct);
        StoreChecks.ChainIsIntact(db, review.ReviewId).ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task A_bulk_imported_record_takes_votes_through_Marten_and_keeps_its_chain()
    {
        var ct = TestContext.Current.CancellationToken;
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        (await review.VoteAsync(review.S1, record, "include")).EnsureSuccessStatusCode();
        (await review.VoteAsync(review.S2, record, "include")).EnsureSuccessStatusCode();

        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        await StoreChecks.RecordsEqualTheirEventsAsync(store, review.ReviewId, ct);
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        StoreChecks.ChainIsIntact(db, review.ReviewId);
        (await StoreChecks.ScalarAsync(db, $"select version from {Schema}.mt_streams where id = $1", record)).ShouldBe(4); // import, 2 votes, decision
    }

    [Fact]
    public async Task A_record_bulk_written_with_its_decisions_matches_the_same_events_appended_through_Marten()
    {
        var ct = TestContext.Current.CancellationToken;
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync();
        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        var lead = new Actor(review.Lead, review.Lead);
        IReadOnlyList<object> Decisions(Guid id) =>
        [
            new ScreeningVoteCast(review.ReviewId, id, Stage.TitleAbstract, Decision.Include, null, null, false, new Actor(review.S1, review.S1)),
            new ScreeningVoteCast(review.ReviewId, id, Stage.TitleAbstract, Decision.Include, null, null, false, new Actor(review.S2, review.S2)),
            new ScreeningDecided(review.ReviewId, id, Stage.TitleAbstract, Decision.Include, null, DecisionBasis.Unanimous, null, lead),
            new RecordLabelled(review.ReviewId, id, "imported", lead),
        ];
        var bulk = Guid.CreateVersion7();
        await new RecordBulkAppend(store).AppendAsync(review.ReviewId, search,
            [new NewRecord(bulk, "bulk#1", 1, new BibRecord { Title = "Bulk with decisions", Year = 2020 }, Decisions(bulk))], lead, null, ct);
        var viaMarten = Guid.CreateVersion7();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<RecordState>(viaMarten, [new RecordImported(review.ReviewId, viaMarten, search, "marten#1", 2,
                new BibRecord { Title = "Appended through Marten", Year = 2020 }, lead), .. Decisions(viaMarten)]);
            await session.SaveChangesAsync(ct);
        }

        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        // The import and four decisions: the stream at version 5, its events at 1..5 in sequence order.
        (await RowAsync(db, "type, version, tenant_id, is_archived", "mt_streams", "id", bulk, ct)).ShouldBe("(record_state,5,*DEFAULT*,f)");
        (await StoreChecks.ScalarAsync(db, $"select count(*) from {Schema}.mt_events where stream_id = $1 and "
            + $"seq_id = (select min(seq_id) from {Schema}.mt_events where stream_id = $1) + version - 1", bulk)).ShouldBe(5);
        const string eventColumns = "string_agg(row(version, type, tenant_id, mt_dotnet_type, bdata is null, causation_id is null, headers, "
            + "is_archived)::text, ';' order by version)";
        (await AggregateAsync(db, eventColumns, "mt_events", "stream_id", bulk, ct))
            .ShouldBe(await AggregateAsync(db, eventColumns, "mt_events", "stream_id", viaMarten, ct));
        const string documentColumns = "mt_version, mt_dotnet_type, review_id, status, title_abstract_pattern, full_text_pattern, "
            + "title_abstract_vote_count, full_text_vote_count, data -> 'labels', (select array_agg(k order by k) from jsonb_object_keys(data) k)";
        (await RowAsync(db, documentColumns, "mt_doc_recordstate", "id", bulk, ct))
            .ShouldBe(await RowAsync(db, documentColumns, "mt_doc_recordstate", "id", viaMarten, ct));
        const string linkColumns = "string_agg(row(mt_dotnet_type, data ->> 'version')::text, ';' order by id)";
        var links = await AggregateAsync(db, linkColumns, "mt_doc_chainlink", "data ->> 'streamId'", bulk.ToString("D"), ct);
        links.ShouldBe(string.Join(';', Enumerable.Range(1, 5).Select(v => $"(EventReview.Audit.ChainLink,{v})")));
        links.ShouldBe(await AggregateAsync(db, linkColumns, "mt_doc_chainlink", "data ->> 'streamId'", viaMarten.ToString("D"), ct));

        await StoreChecks.RecordsEqualTheirEventsAsync(store, review.ReviewId, ct);
        StoreChecks.ChainIsIntact(db, review.ReviewId).ShouldBeGreaterThan(10);
    }

    private static async Task<string> AggregateAsync(NpgsqlDataSource db, string aggregate, string table, string key, object id, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select {aggregate} from {Schema}.{table} where {key} = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (string)(await command.ExecuteScalarAsync(ct) ?? $"no rows in {table} for {id}");
    }

    private static async Task<string> RowAsync(NpgsqlDataSource db, string columns, string table, string key, object id, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select row({columns})::text from {Schema}.{table} where {key} = $1 order by 1 limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (string)(await command.ExecuteScalarAsync(ct) ?? $"no row in {table} for {id}");
    }
}
