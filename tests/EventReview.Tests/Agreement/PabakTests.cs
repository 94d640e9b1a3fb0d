using EventReview.Agreement;
using Shouldly;
using Xunit;
using static EventReview.Tests.Agreement.AgreementData;

namespace EventReview.Tests.Agreement;

public class PabakTests
{
    [Fact]
    public void Pabak_is_twice_the_observed_agreement_minus_one_with_the_exact_interval_mapped()
    {
        // Artstein and Poesio (2008) Table 1 [[20, 20], [10, 50]]: po = 70/100, PABAK = 2 * 0.7 - 1 = 0.4.
        // R 4.2.2 binom.test(70, 100) interval 0.6001853238 to 0.7875935795, so 0.2003706 to 0.5751872.
        var pabak = Report(FromTable(new[,] { { 20, 20 }, { 10, 50 } })).Pabak!;
        pabak.Value.ShouldBe(0.4, 1e-12);
        pabak.Ci95[0].ShouldBeNear(0.2003706, 7);
        pabak.Ci95[1].ShouldBeNear(0.5751872, 7);
    }

    [Fact]
    public void Pabak_interval_matches_the_R_binom_test_documented_example()
    {
        // R documentation example binom.test(c(682, 243), p = 3/4): 95% CI 0.7076683 to 0.7654066,
        // so PABAK = 2 * 682/925 - 1 = 0.4745946 with interval 0.4153366 to 0.5308132.
        var pabak = Pabak.Compute(682, 925).Result!;
        pabak.Value.ShouldBeNear(0.4745946, 7);
        pabak.Ci95[0].ShouldBeNear(0.4153366, 6);
        pabak.Ci95[1].ShouldBeNear(0.5308132, 6);
    }

    [Fact]
    public void Perfect_agreement_gives_pabak_one_and_the_closed_form_lower_bound()
    {
        // x = n = 12: lower bound of po is 0.025^(1/12), so PABAK's is 2 * 0.025^(1/12) - 1.
        var pabak = Report(FromTable(new[,] { { 12, 0 }, { 0, 0 } }, ["include", "exclude"]), new AgreementOptions(Categories: ["include", "exclude"])).Pabak!;
        pabak.Value.ShouldBe(1.0);
        pabak.Ci95[0].ShouldBe(2 * Math.Pow(0.025, 1.0 / 12) - 1, 1e-13);
        pabak.Ci95[1].ShouldBe(1.0);
    }

    [Fact]
    public void Pabak_is_null_with_a_note_unless_there_are_exactly_two_categories()
    {
        var three = Report(FromTable(Abstractors, AbstractorLabels));
        three.Pabak.ShouldBeNull();
        three.Notes.ShouldContain("pabak: needs exactly two categories and there are 3.");

        var one = Report(FromTable(new[,] { { 4 } }, ["include"]));
        one.Pabak.ShouldBeNull();
        one.Notes.ShouldContain(n => n.StartsWith("pabak: needs two categories and only one occurs", StringComparison.Ordinal));
    }
}
