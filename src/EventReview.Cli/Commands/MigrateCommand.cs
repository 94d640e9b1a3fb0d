using System.CommandLine;
using EventReview.Hosting;

namespace EventReview.Cli.Commands;

public static class MigrateCommand
{
    public static Command Create()
    {
        var appRole = new Option<string?>("--app-role")
        {
            Description = "Also create (if needed) and grant the least-privileged role the server runs as: no UPDATE, DELETE or TRUNCATE on events, no DDL.",
        };
        var command = new Command("migrate", "Apply the database schema with the configured (owner's) connection.") { appRole };
        command.SetAction(async (parse, ct) =>
        {
            // Starting the application with schema rights applies every change; the server can then run without them.
            await CliDatabase.WithAppAsync(async services =>
            {
                if (parse.GetValue(appRole) is { } role) await DatabaseRoles.GrantApplicationRoleAsync(CliDatabase.DataSource(services), role, ct);
                return 0;
            });
            Console.WriteLine(parse.GetValue(appRole) is { } granted ? $"{{\"schema\":\"applied\",\"appRole\":\"{granted}\"}}" : "{\"schema\":\"applied\"}");
            return 0;
        });
        return command;
    }
}
