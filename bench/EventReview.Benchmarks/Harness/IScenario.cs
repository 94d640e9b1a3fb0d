namespace EventReview.Benchmarks.Harness;

/// <summary>
/// One benchmark. A run measures one size in its own process, so peak memory and JIT state belong to that run alone.
/// To add a scenario: implement this and list it in <see cref="ScenarioCatalog.All"/>.
/// </summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>The sizes a full run measures: the size and, where the machine allows, 10x smaller and larger.</summary>
    IReadOnlyList<long> Sizes(bool quick);

    Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct);

    /// <summary>The databases an earlier run left that this run reads; every other bench database is dropped first.</summary>
    IReadOnlyList<string> DatabasesRead(long size) => [];
}

/// <summary>Sizes scaled from the base size; --quick divides every size by ten.</summary>
public static class Sizes
{
    public static IReadOnlyList<long> Growth(long baseSize, bool quick, bool larger = true)
    {
        var b = quick ? baseSize / 10 : baseSize;
        return larger ? [b / 10, b, b * 10] : [b / 10, b];
    }

    public static IReadOnlyList<long> One(long baseSize, bool quick) => [quick ? baseSize / 10 : baseSize];
}
