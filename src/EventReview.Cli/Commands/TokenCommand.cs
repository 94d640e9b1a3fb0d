using System.Globalization;
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
        var authTime = new Option<string?>("--auth-time")
        {
            Description = "When the user last authenticated (auth_time), ISO-8601 UTC such as 2026-12-06T09:00:00Z: now by default, never in the future. Signing needs a recent one.",
        };
        var command = new Command("token", "Print a bearer token signed with the locally configured key.") { user, name, minutes, authTime };
        command.SetAction(parse =>
        {
            var configuration = CliConfiguration.Load();
            var options = CliConfiguration.Options(configuration);
            var max = options.Auth.MaxTokenLifetimeMinutes;
            var lifetime = parse.GetValue(minutes) ?? Math.Min(480, max);
            // The server refuses a token that lives longer than its maximum, so minting one would only fail later.
            if (lifetime < 1 || lifetime > max)
                throw new ArgumentException($"--minutes must be between 1 and {max} (EventReview:Auth:MaxTokenLifetimeMinutes).");
            var now = DateTime.UtcNow;
            var authenticatedAt = AuthTime(parse.GetValue(authTime), now);
            var key = LocalSigningKey.Load(options.Auth, DataDirectory.Resolve(options.DataDirectory),
                sharedStore: !string.IsNullOrWhiteSpace(configuration.GetConnectionString(EventReviewApp.ConnectionStringName)));
            Console.WriteLine(TokenIssuer.Mint(options.Auth, key, parse.GetValue(user)!, parse.GetValue(name)!, TimeSpan.FromMinutes(lifetime), now,
                authenticatedAt));
            return 0;
        });
        return command;
    }

    /// <summary>An explicit UTC instant (Z or +00:00) no later than now; a local time would shift with the machine's zone.</summary>
    private static DateTime AuthTime(string? text, DateTime now)
    {
        if (text is null) return now;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Offset != TimeSpan.Zero
            || !(text.EndsWith('Z') || text.EndsWith("+00:00", StringComparison.Ordinal)))
            throw new ArgumentException($"--auth-time must be an ISO-8601 UTC time such as 2026-12-06T09:00:00Z, not '{text}'.");
        if (parsed.UtcDateTime > now) throw new ArgumentException("--auth-time cannot be in the future: nobody has authenticated then yet.");
        return parsed.UtcDateTime;
    }
}
