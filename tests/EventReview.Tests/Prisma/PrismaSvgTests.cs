using System.Xml.Linq;
using EventReview.Prisma;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Prisma;

public class PrismaSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_diagram_is_well_formed_svg_with_every_box_of_both_arms_and_the_previous_review()
    {
        var svg = XDocument.Parse(PrismaSvg.Render(Flows.Balanced()));

        svg.Root!.Name.ShouldBe(Svg + "svg");
        var text = Lines(svg);
        text.ShouldContain("Studies included in previous version of review (n = 5)", Case.Sensitive);
        string[] boxes =
        [
            "Databases (n = 350)", "PubMed (n = 250)", "Registers (n = 82)", "Duplicate records (n = 14)",
            "ineligible by automation tools (n = 6)", "other reasons (n = 4)", "Records screened (n = 408)",
            "Records excluded (n = 349)", "by humans (n = 340)", "by automation tools (n = 9)",
            "Reports sought for retrieval (n = 59)", "Reports not retrieved (n = 11)", "for eligibility (n = 48)",
            "Wrong population (n = 20)", "Not open access (n = 12)", "Wrong design (n = 8)", "Websites (n = 3)",
            "Organisations (n = 2)", "Citation searching (n = 5)", "Reports sought for retrieval (n = 10)",
            "Reports not retrieved (n = 2)", "for eligibility (n = 8)", "Wrong outcome (n = 5)",
            "New studies included in review (n = 10)", "new included studies (n = 11)",
            "Total studies included in review (n = 15)", "total included studies (n = 17)",
        ];
        foreach (var box in boxes) text.ShouldContain(box, Case.Sensitive);
        // 8 arrows in the databases arm, 2 from the previous review, 5 in the other-methods arm.
        svg.Descendants(Svg + "polyline").Count().ShouldBe(15);
    }

    [Fact]
    public void A_new_review_without_other_methods_draws_only_the_databases_and_registers_arm()
    {
        var text = Lines(XDocument.Parse(PrismaSvg.Render(Flows.SeedPaper().Figures)));

        text.ShouldContain("Records screened (n = 408)", Case.Sensitive);
        text.ShouldNotContain("previous version", Case.Sensitive);
        text.ShouldNotContain("other methods", Case.Sensitive);
        text.ShouldNotContain("Websites", Case.Sensitive);
    }

    [Fact]
    public void Labels_are_escaped_and_read_back_unchanged()
    {
        var flow = Flows.SeedPaper().Figures with { DbrExcluded = new Dictionary<string, int> { ["Score <70% & \"unclear\""] = 20 } };

        var raw = PrismaSvg.Render(flow);

        raw.ShouldContain("Score &lt;70% &amp;");
        Lines(XDocument.Parse(raw)).ShouldContain("Score <70% & \"unclear\" (n = 20)", Case.Sensitive);
    }

    [Fact]
    public void Every_line_of_box_text_fits_its_box()
    {
        var flow = Flows.Balanced() with
        {
            DbrExcluded = new Dictionary<string, int> { ["A very long exclusion reason that keeps going well past any box width at all"] = 40 },
        };

        var svg = XDocument.Parse(PrismaSvg.Render(flow));

        // Boxes are 230 px wide with 8 px padding and lines of at most 34 characters (about 6 px each at 12 px).
        foreach (var box in svg.Descendants(Svg + "g").Where(g => g.Element(Svg + "rect")?.Attribute("width")?.Value == "230"))
            foreach (var line in box.Elements(Svg + "text"))
                line.Value.Length.ShouldBeLessThanOrEqualTo(34, line.Value);
    }

    /// <summary>Each box's wrapped lines joined back with spaces, one box a line.</summary>
    private static string Lines(XDocument svg) =>
        string.Join("\n", svg.Descendants(Svg + "g").Select(g => string.Join(" ", g.Elements(Svg + "text").Select(t => t.Value))));
}
