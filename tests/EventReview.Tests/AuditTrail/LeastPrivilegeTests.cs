using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.AuditTrail;

/// <summary>The application under test runs as the least-privileged role; these tests show what that role cannot do.</summary>
public class LeastPrivilegeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("update eventreview.mt_events set data = data")]
    [InlineData("delete from eventreview.mt_events")]
    [InlineData("truncate eventreview.mt_events")]
    [InlineData("create table eventreview.sneaky (id int)")]
    [InlineData("drop table eventreview.mt_doc_chainlink")]
    public async Task The_application_role_cannot_rewrite_events_or_change_the_schema(string sql)
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await review.RecordsAsync(1);
        var restricted = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = AppFixture.ApplicationRole }.ConnectionString;
        await using var db = NpgsqlDataSource.Create(restricted);
        await using var command = db.CreateCommand(sql);

        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        error.SqlState.ShouldBeOneOf(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task The_application_role_reads_and_appends_events()
    {
        var restricted = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = AppFixture.ApplicationRole }.ConnectionString;
        await using var db = NpgsqlDataSource.Create(restricted);
        await using var command = db.CreateCommand(
            $"select has_table_privilege('{AppFixture.ApplicationRole}', '{EventStoreSetup.Schema}.mt_events', 'select'), " +
            $"has_table_privilege('{AppFixture.ApplicationRole}', '{EventStoreSetup.Schema}.mt_events', 'insert')");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        reader.GetBoolean(0).ShouldBeTrue();
        reader.GetBoolean(1).ShouldBeTrue();
    }
}
