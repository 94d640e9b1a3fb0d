using System.CommandLine;
using EventReview.Hosting;
using Microsoft.AspNetCore.Builder;

namespace EventReview.Cli.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => EventReviewApp.DefaultUrl };
        var command = new Command("serve", "Serve the HTTP API; without a configured database, on the embedded local PostgreSQL.") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var app = await EventReviewApp.BuildAsync([], builder => builder.WebHost.UseUrls(parse.GetValue(urls)!));
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
