using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.AuditTrail;

/// <summary>
/// Marten's own schema declares mt_events' key to mt_streams ON DELETE CASCADE; the application declares it RESTRICT in
/// Marten's model, so Marten's schema diff makes it so and never puts the cascade back.
/// </summary>
public class StreamForeignKeyTests
{
    private const string Events = EventStoreSetup.Schema + ".mt_events";

    [Fact]
    public async Task A_cascading_key_from_an_earlier_migration_is_made_restrict_and_the_next_start_finds_nothing_to_change()
    {
        var owner = await TestDatabase.CreateMigratedAsync(nameof(StreamForeignKeyTests));
        (await DeleteRuleAsync(owner)).ShouldBe("restrict");
        await ExecuteAsync(owner, $"""
            alter table {Events} drop constraint {EventStreamForeignKey.Name};
            alter table {Events} add constraint {EventStreamForeignKey.Name} foreign key (stream_id)
              references {EventStoreSetup.Schema}.mt_streams (id) on delete cascade;
            """);
        (await DeleteRuleAsync(owner)).ShouldBe("cascade");

        // What `eventreview migrate` does: start the application with the owner's rights, then grant the role.
        await TestSchema.ApplyAsync(owner);

        (await DeleteRuleAsync(owner)).ShouldBe("restrict");
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration.AddInMemoryCollection(
            AppFixture.SettingsFor(owner, "stream-key", applySchema: true)));
        await using var app = builder.Build();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(TestContext.Current.CancellationToken);
    }

    internal static async Task<string> DeleteRuleAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("""
            select case confdeltype when 'c' then 'cascade' when 'r' then 'restrict' when 'a' then 'no action' else confdeltype::text end
            from pg_constraint where conname = $1 and conrelid = $2::regclass
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = EventStreamForeignKey.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = Events });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
