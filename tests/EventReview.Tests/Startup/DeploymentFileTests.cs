using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Startup;

/// <summary>
/// Docker is not on the machines this is built on, so the container files are never run here; these hold them to the
/// least privilege docs/operations.md promises: no root process, no schema rights for the serving nodes.
/// </summary>
public class DeploymentFileTests
{
    private static string[] Lines(string file) => File.ReadAllLines(TestData.Path("..", "..", "ops", file));

    [Fact]
    public void The_image_runs_the_server_as_an_unprivileged_user()
    {
        var lines = Lines("Dockerfile");
        var runtimeStage = lines.Skip(Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();

        var user = runtimeStage.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        user.ShouldNotBeNull("the runtime stage names a USER, else the server runs as root");
        user["USER ".Length..].Trim().ShouldBeOneOf("$APP_UID", "app", "1654");
        runtimeStage.IndexOf(user).ShouldBeLessThan(runtimeStage.FindIndex(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        runtimeStage.ShouldContain(l => l.Contains("chown") && l.Contains("/data") && l.Contains("/checkpoints"),
            "the directories the server writes belong to its user");
    }

    [Fact]
    public void The_serving_nodes_connect_as_the_application_role_and_never_apply_the_schema()
    {
        var compose = string.Join('\n', Lines("docker-compose.yml"));
        var node = compose[compose.IndexOf("x-node:", StringComparison.Ordinal)..compose.IndexOf("services:", StringComparison.Ordinal)];

        node.ShouldContain("Username=eventreview_app;");
        node.ShouldContain("EventReview__ApplySchemaOnStartup: \"false\"");
        compose.ShouldContain("--app-role");
    }
}
