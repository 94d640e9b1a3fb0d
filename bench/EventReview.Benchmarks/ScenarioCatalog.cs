using EventReview.Benchmarks.Harness;
using EventReview.Benchmarks.Scenarios;

namespace EventReview.Benchmarks;

/// <summary>Every scenario, in the order a full run measures them (baselines first, so the report can pair them).</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new RawBulkWrite(),
        new RawConcurrentCommits(),
        new Parse(),
        new Import(),
        new DecisionImport(),
        new RebuildProjections(),
        new Votes(),
        new Reads(),
        new StartUp(),
    ];
}
