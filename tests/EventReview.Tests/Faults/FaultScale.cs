namespace EventReview.Tests.Faults;

/// <summary>
/// The size the fault tests run at. CI runs a reduced size that keeps the suite inside its time; setting
/// EVENTREVIEW_FAULT_SCALE=full runs the sizes the issue names (20 screeners x 5,000 records x 2 stages).
/// </summary>
public static class FaultScale
{
    public const string Variable = "EVENTREVIEW_FAULT_SCALE";

    public static bool Full => string.Equals(Environment.GetEnvironmentVariable(Variable), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes a line to the test's output, so a run records the size and the timings it measured.</summary>
    public static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
