using System.CommandLine;
using EventReview.Hosting;
using EventReview.Identity;

namespace EventReview.Cli.Commands;

public static class TokenCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The user id (the token's subject).", Required = true };
        var name = new Option<string>("--name") { Description = "The printed name recorded on every event.", Required = true };
        var minutes = new Option<int?>("--minutes")
        {
            Description = "Lifetime in minutes: 480 by default, at most EventReview:Auth:MaxTokenLifetimeMinutes (1440 unless configured).",
        };
        var command = new Command("token", "Print a bearer token signed with the locally configured key.") { user, name, minutes };
        command.SetAction(parse =>
        {
            var options = CliConfiguration.Options(CliConfiguration.Load());
            var max = options.Auth.MaxTokenLifetimeMinutes;
            var lifetime = parse.GetValue(minutes) ?? Math.Min(480, max);
            // The server refuses a token that lives longer than its maximum, so minting one would only fail later.
            if (lifetime < 1 || lifetime > max)
                throw new ArgumentException($"--minutes must be between 1 and {max} (EventReview:Auth:MaxTokenLifetimeMinutes).");
            var key = LocalSigningKey.Load(options.Auth, DataDirectory.Resolve(options.DataDirectory));
            Console.WriteLine(TokenIssuer.Mint(options.Auth, key, parse.GetValue(user)!, parse.GetValue(name)!, TimeSpan.FromMinutes(lifetime)));
            return 0;
        });
        return command;
    }
}
