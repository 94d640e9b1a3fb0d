namespace EventReview.Agreement;

/// <summary>
/// Prevalence- and bias-adjusted kappa (Byrt, Bishop and Carlin 1993) for two raters and two
/// categories: PABAK = 2 po - 1, with the exact Clopper-Pearson 95% interval of po mapped through 2p - 1.
/// </summary>
public static class Pabak
{
    public static Outcome<PabakResult> Compute(int agreements, int items)
    {
        if (items == 0)
        {
            return Outcome.Undefined<PabakResult>("no item was rated by both raters");
        }

        var (lower, upper) = Distributions.ClopperPearson(agreements, items);
        var po = (double)agreements / items;
        return Outcome.Of(new PabakResult(2 * po - 1, [2 * lower - 1, 2 * upper - 1]));
    }
}
