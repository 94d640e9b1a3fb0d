using EventReview.Hosting;
using Microsoft.Extensions.Configuration;

namespace EventReview.Cli.Commands;

/// <summary>The same configuration sources the server reads, for commands that do not start the server.</summary>
public static class CliConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static EventReviewOptions Options(IConfiguration configuration) =>
        configuration.GetSection(EventReviewOptions.Section).Get<EventReviewOptions>() ?? new();
}
