using System.CommandLine;
using EventReview.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Cli.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => EventReviewApp.DefaultUrl };
        var command = new Command("serve", "Serve the HTTP API; without a configured database, on the embedded local PostgreSQL.") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var address = parse.GetValue(urls)!;
            var app = await EventReviewApp.BuildAsync([], builder =>
            {
                builder.WebHost.UseUrls(address);
                builder.Configuration[EventReviewApp.ApplicationNameKey] = EventReviewApp.ServingApplicationName;
            });
            // Resolved now: RunAsync disposes the services, and a failed start never stops the hosted services.
            var embedded = app.Services.GetService<EmbeddedPostgres>();
            try
            {
                await app.RunAsync(ct);
                return 0;
            }
            catch (IOException ex) when (ex.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"cannot listen on {address}: {ex.InnerException?.Message ?? ex.Message} " +
                    "(is another eventreview serve running there? choose another with --urls)", ex);
            }
            finally
            {
                if (embedded is not null) await embedded.ReleaseAsync();
            }
        });
        return command;
    }
}
