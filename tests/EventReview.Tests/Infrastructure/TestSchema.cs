using EventReview.Hosting;
using JasperFx.Resources;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace EventReview.Tests.Infrastructure;

/// <summary>
/// The schema as `eventreview migrate --app-role` leaves it: every table Marten and Wolverine need, applied with the
/// owner's rights, then the least-privileged role granted what it may do.
/// </summary>
internal static class TestSchema
{
    public static async Task ApplyAsync(string ownerConnectionString)
    {
        // The application's own services, built but never started: its Marten and Wolverine configuration applies
        // the schema, without starting the web server, the projection daemon or Wolverine's endpoints.
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration.AddInMemoryCollection(
            AppFixture.SettingsFor(ownerConnectionString, "schema-template", applySchema: true)));
        await using (var app = builder.Build())
        {
            await app.SetupResources();
        }

        await using var db = NpgsqlDataSource.Create(ownerConnectionString);
        try
        {
            await DatabaseRoles.GrantApplicationRoleAsync(db, AppFixture.ApplicationRole);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
        {
            // Another test run on this server created the cluster-wide role at the same moment; the grants still need running here.
            await DatabaseRoles.GrantApplicationRoleAsync(db, AppFixture.ApplicationRole);
        }
    }
}
