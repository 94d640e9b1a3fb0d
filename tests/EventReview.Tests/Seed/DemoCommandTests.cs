using EventReview.Seed;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Seed;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_prints_the_seed_review_id_and_a_second_run_loads_nothing_and_prints_the_same_id()
    {
        var environment = CliProcess.For(await TestDatabase.CreateAsync("seed-demo"));

        var first = await CliProcess.RunAsync(environment, "demo");
        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.Trim().ShouldBe(SeedPaper.ReviewId.ToString());
        first.Stderr.ShouldContain("Loaded the seed review");

        var second = await CliProcess.RunAsync(environment, "demo");
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.Trim().ShouldBe(SeedPaper.ReviewId.ToString());
        second.Stderr.ShouldContain("already loaded");
    }
}
