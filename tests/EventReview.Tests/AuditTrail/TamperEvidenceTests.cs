using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.AuditTrail;

/// <summary>
/// Each test alters the stored log as someone with direct database access could, then verifies the review.
/// Tampering stays inside each test's own review, so the tests do not disturb each other.
/// </summary>
public class TamperEvidenceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Events = EventStoreSetup.Schema + ".mt_events";
    private const string Links = EventStoreSetup.Schema + ".mt_doc_chainlink";

    [Fact]
    public async Task An_untouched_review_verifies_intact()
    {
        var (review, _) = await ScreenedReviewAsync();

        var report = Verify(review);

        report.Intact.ShouldBeTrue(report.FirstFailure?.Message);
        report.EventsChecked.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task A_changed_byte_in_an_events_data_is_found_at_that_event()
    {
        var (review, record) = await ScreenedReviewAsync();
        var target = await SequenceOfAsync(record, version: 2);
        await ExecuteAsync($"update {Events} set data = jsonb_set(data, '{{decision}}', '\"exclude\"') where seq_id = {target}");

        var report = Verify(review);

        report.Intact.ShouldBeFalse();
        report.FirstFailure!.Sequence.ShouldBe(target);
        report.FirstFailure.Kind.ShouldBe(ChainFailureKind.DataChanged);
    }

    [Fact]
    public async Task A_deleted_event_is_found_as_a_gap()
    {
        var (review, record) = await ScreenedReviewAsync();
        var deleted = await SequenceOfAsync(record, version: 2);
        var next = await SequenceOfAsync(record, version: 3);
        await ExecuteAsync($"delete from {Events} where seq_id = {deleted}");

        var report = Verify(review);

        report.Intact.ShouldBeFalse();
        report.FirstFailure!.Sequence.ShouldBe(next);
        report.FirstFailure.Kind.ShouldBe(ChainFailureKind.VersionGap);
    }

    [Fact]
    public async Task Two_swapped_events_are_found()
    {
        var (review, record) = await ScreenedReviewAsync();
        var second = await SequenceOfAsync(record, version: 2);
        var third = await SequenceOfAsync(record, version: 3);
        // Swap the two votes' contents, keeping versions and sequences in place.
        await ExecuteAsync($"""
            with a as (select data, type from {Events} where seq_id = {second}), b as (select data, type from {Events} where seq_id = {third})
            update {Events} e set data = case when e.seq_id = {second} then (select data from b) else (select data from a) end,
                                  type = case when e.seq_id = {second} then (select type from b) else (select type from a) end
            where e.seq_id in ({second}, {third})
            """);

        var report = Verify(review);

        report.Intact.ShouldBeFalse();
        report.FirstFailure!.Sequence.ShouldBe(second);
    }

    [Fact]
    public async Task A_forged_event_inserted_into_a_stream_is_found()
    {
        var (review, record) = await ScreenedReviewAsync();
        var last = await ScalarAsync<long>($"select max(version) from {Events} where stream_id = '{record}'");
        var forged = await ScalarAsync<long>($"""
            insert into {Events} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
            select nextval('{EventStoreSetup.Schema}.mt_events_sequence'), gen_random_uuid(), stream_id, {last + 1}, data, type, now(), tenant_id, mt_dotnet_type, false
            from {Events} where stream_id = '{record}' and version = 2
            returning seq_id
            """);

        var report = Verify(review);

        report.Intact.ShouldBeFalse();
        report.FirstFailure!.Sequence.ShouldBe(forged);
        report.FirstFailure.Kind.ShouldBe(ChainFailureKind.Forged);
    }

    private async Task<(Guid Review, Guid Record)> ScreenedReviewAsync()
    {
        var scenario = await ReviewScenario.WithTeamAsync(app);
        var records = await scenario.RecordsAsync(3);
        await scenario.VoteAsync(scenario.S1, records[0], "include");
        await scenario.VoteAsync(scenario.S2, records[0], "exclude", reasonCode: "wrong-population");
        await scenario.ResolveAsync(scenario.Resolver, records[0], "include");
        await scenario.VoteAsync(scenario.S1, records[1], "include");
        return (scenario.ReviewId, records[0]);
    }

    private VerificationReport Verify(Guid review)
    {
        using var db = NpgsqlDataSource.Create(app.ConnectionString);
        return EventLog.Verify(db, review);
    }

    private Task<long> SequenceOfAsync(Guid stream, int version) =>
        ScalarAsync<long>($"select seq_id from {Events} where stream_id = '{stream}' and version = {version}");

    private async Task ExecuteAsync(string sql)
    {
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = db.CreateCommand(sql);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
