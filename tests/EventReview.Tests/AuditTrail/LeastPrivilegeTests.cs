using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.AuditTrail;

/// <summary>
/// The application under test runs as the least-privileged role; these tests hold its rights to the table in
/// docs/audit.md and show that neither it nor a cascade can take an event, a stream or a hash link away.
/// </summary>
public class LeastPrivilegeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Schema = EventStoreSetup.Schema;

    [Fact]
    public async Task The_application_role_holds_exactly_the_rights_docs_audit_md_lists()
    {
        var documented = RolePrivileges.Documented();

        var granted = await RolePrivileges.GrantedAsync(app.ConnectionString, AppFixture.ApplicationRole);

        granted.ShouldBe(documented);
    }

    [Theory]
    [InlineData($"update {Schema}.mt_events set data = data")]
    [InlineData($"update {Schema}.mt_events set stream_id = stream_id")]
    [InlineData($"delete from {Schema}.mt_events")]
    [InlineData($"truncate {Schema}.mt_events")]
    [InlineData($"update {Schema}.mt_streams set type = type")]
    [InlineData($"update {Schema}.mt_streams set id = id")]
    [InlineData($"update {Schema}.mt_streams set is_archived = true")]
    [InlineData($"delete from {Schema}.mt_streams where id = (select stream_id from {Schema}.mt_events order by seq_id desc limit 1)")]
    [InlineData($"truncate {Schema}.mt_streams cascade")]
    [InlineData($"update {Schema}.mt_doc_chainlink set data = data")]
    [InlineData($"delete from {Schema}.mt_doc_chainlink")]
    [InlineData($"truncate {Schema}.mt_doc_chainlink")]
    [InlineData($"alter table {Schema}.mt_events drop constraint {EventStreamForeignKey.Name}")]
    [InlineData($"create table {Schema}.sneaky (id int)")]
    [InlineData($"drop table {Schema}.mt_doc_chainlink")]
    public async Task The_application_role_cannot_rewrite_or_remove_events_streams_or_links_nor_change_the_schema(string sql)
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await review.RecordsAsync(1);
        var before = await StoredAsync();
        await using var db = NpgsqlDataSource.Create(Restricted);
        await using var command = db.CreateCommand(sql);

        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Deleting_a_stream_does_not_cascade_to_its_events_even_for_the_owner()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        var before = await StoredAsync();
        await using var owner = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = owner.CreateCommand($"delete from {Schema}.mt_streams where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = record });

        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        error.SqlState.ShouldBe(PostgresErrorCodes.ForeignKeyViolation);
        error.ConstraintName.ShouldBe(EventStreamForeignKey.Name);
        (await StoredAsync()).ShouldBe(before);
    }

    private string Restricted => new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = AppFixture.ApplicationRole }.ConnectionString;

    /// <summary>How many events, streams and links the database holds, counted with the owner's rights.</summary>
    private async Task<string> StoredAsync()
    {
        await using var owner = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = owner.CreateCommand(
            $"select format('%s events, %s streams, %s links', (select count(*) from {Schema}.mt_events), " +
            $"(select count(*) from {Schema}.mt_streams), (select count(*) from {Schema}.mt_doc_chainlink))");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
