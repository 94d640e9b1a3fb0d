using EventReview.Agreement;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Agreement;

public class DistributionsTests
{
    // Reference values: erfc as the GNU C library computes it (within 1 ulp), which agree with the
    // DLMF / Abramowitz & Stegun tables (e.g. erfc(1) = 0.157299207050285130659, erfc(2) = 0.004677734981047265838).
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(2.5, 0.0004069520174449589)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    public void Erfc_matches_reference_values_to_1e_14_relative(double x, double expected)
    {
        var actual = Distributions.Erfc(x);
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(1e-14 * expected);
        Math.Abs(Distributions.Erfc(-x) - (2 - expected)).ShouldBeLessThanOrEqualTo(4e-16 * (2 - expected));
    }

    // Standard normal CDF: R 4.2.2 pnorm; Phi(1) = 0.8413447460685429 and Phi(-3) = 0.0013498980316301
    // are the textbook values. Scaling z by 1/sqrt(2) costs about z^2 ulps of relative accuracy in the far tail.
    [Theory]
    [InlineData(-10.0, 7.619853024160527e-24)]
    [InlineData(-8.0, 6.220960574271785e-16)]
    [InlineData(-3.0, 1.349898031630095e-03)]
    [InlineData(-1.959963984540054, 0.025)]
    [InlineData(-1.0, 1.586552539314570e-01)]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 8.413447460685429e-01)]
    [InlineData(1.96, 9.750021048517796e-01)]
    [InlineData(3.0, 9.986501019683699e-01)]
    public void Normal_cdf_matches_reference_values(double z, double expected)
    {
        Math.Abs(Distributions.NormalCdf(z) - expected).ShouldBeLessThanOrEqualTo(Math.Max(1e-16, 3e-14 * expected));
    }

    [Fact]
    public void Two_sided_p_is_twice_the_upper_tail()
    {
        // 2 * (1 - Phi(1.959963984540054)) = 0.05 by the definition of the 97.5% quantile.
        Distributions.TwoSidedP(Distributions.Z975).ShouldBe(0.05, 1e-15);
        Distributions.TwoSidedP(-Distributions.Z975).ShouldBe(0.05, 1e-15);
        Distributions.TwoSidedP(0).ShouldBe(1.0, 1e-15);
    }

    [Fact]
    public void Incomplete_beta_matches_closed_forms()
    {
        // I_x(2, 5) = 1 - (1-x)^6 - 6x(1-x)^5 (binomial sum); at x = 0.3: 1 - 0.117649 - 0.302526 = 0.579825.
        Distributions.RegularizedIncompleteBeta(0.3, 2, 5).ShouldBe(0.579825, 1e-14);

        // I_x(1/2, 1/2) = (2/pi) asin(sqrt x), the arcsine distribution.
        Distributions.RegularizedIncompleteBeta(0.7, 0.5, 0.5).ShouldBe(2 / Math.PI * Math.Asin(Math.Sqrt(0.7)), 1e-14);

        // I_x(a, 1) = x^a, and I_{1/2}(a, a) = 1/2 by symmetry.
        Distributions.RegularizedIncompleteBeta(0.42, 7.5, 1).ShouldBe(Math.Pow(0.42, 7.5), 1e-15);
        Distributions.RegularizedIncompleteBeta(0.5, 123, 123).ShouldBe(0.5, 1e-13);
    }

    [Fact]
    public void Incomplete_beta_and_its_quantile_match_R()
    {
        // R 4.2.2: pbeta(0.2, 30, 70) = 0.009692085749007038; qbeta(0.3, 2.5, 7.5) = 0.1669432732017927.
        Distributions.RegularizedIncompleteBeta(0.2, 30, 70).ShouldBe(0.009692085749007038, 1e-14);
        Distributions.BetaQuantile(0.3, 2.5, 7.5).ShouldBe(0.1669432732017927, 1e-13);
    }

    [Fact]
    public void Beta_quantile_inverts_the_distribution_function()
    {
        var random = new Random(20250101);
        for (var n = 0; n < 200; n++)
        {
            var a = 0.5 + 50 * random.NextDouble();
            var b = 0.5 + 50 * random.NextDouble();
            var p = random.NextDouble();
            var x = Distributions.BetaQuantile(p, a, b);
            Distributions.RegularizedIncompleteBeta(x, a, b).ShouldBe(p, 1e-12);
        }
    }

    [Fact]
    public void Clopper_Pearson_interval_matches_R_binom_test()
    {
        // R documentation example binom.test(c(682, 243), p = 3/4):
        // "95 percent confidence interval: 0.7076683 0.7654066".
        var (lower, upper) = Distributions.ClopperPearson(682, 925);
        lower.ShouldBeNear(0.7076683, 7);
        upper.ShouldBeNear(0.7654066, 7);

        // R 4.2.2 binom.test(7, 10): 0.3475471499400027 0.9332604888222655.
        (lower, upper) = Distributions.ClopperPearson(7, 10);
        lower.ShouldBe(0.3475471499400027, 1e-13);
        upper.ShouldBe(0.9332604888222655, 1e-13);
    }

    [Fact]
    public void Clopper_Pearson_interval_at_the_boundaries_has_a_closed_form()
    {
        // x = n: lower = (alpha/2)^(1/n), upper = 1; x = 0: lower = 0, upper = 1 - (alpha/2)^(1/n).
        var (lower, upper) = Distributions.ClopperPearson(10, 10);
        lower.ShouldBe(Math.Pow(0.025, 0.1), 1e-14);
        upper.ShouldBe(1.0);
        (lower, upper) = Distributions.ClopperPearson(0, 10);
        lower.ShouldBe(0.0);
        upper.ShouldBe(1 - Math.Pow(0.025, 0.1), 1e-14);
    }
}
