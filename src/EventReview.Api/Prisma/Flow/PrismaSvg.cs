using System.Globalization;
using System.Xml.Linq;

namespace EventReview.Prisma;

/// <summary>
/// Draws the PRISMA 2020 flow diagram as a standalone SVG on a fixed grid: a column for previous studies (updated
/// reviews), two for databases and registers (main boxes and their side boxes), two for other methods when that arm
/// has data. Built with System.Xml.Linq so every label is escaped and the output is well-formed XML.
/// </summary>
public static class PrismaSvg
{
    private const double BoxWidth = 230, Gap = 36, Margin = 12, BarWidth = 26, LineHeight = PrismaSvgGrid.LineHeight;
    private const int CharsPerLine = 34; // 12px sans-serif averages about 6px a character; 214px of text room
    private const string White = "#ffffff", Grey = "#dcdcdc", Yellow = "#ffc125", Blue = "#a4d3ee";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Render(PrismaFlow flow)
    {
        flow.EnsureValid();
        var grid = new PrismaSvgGrid(flow.HasPreviousArm, BoxWidth, Gap, Margin + BarWidth + Gap / 2, CharsPerLine);
        if (flow.HasPreviousArm) grid.Add(0, 0, Grey, [PrismaTemplate.BoxText("prevstud")]);
        grid.Add(0, 1, Yellow, [PrismaTemplate.BoxText("newstud")], span: 2);
        if (flow.HasOtherArm) grid.Add(0, 3, Grey, [PrismaTemplate.BoxText("othstud")], span: 2);

        var identified = grid.Add(1, 1, White, ["Records identified from:",
            Optional("Databases", flow.DatabaseResults), .. Listed(flow.DatabaseSpecificResults),
            Optional("Registers", flow.RegisterResults), .. Listed(flow.RegisterSpecificResults)]);
        var removed = grid.Add(1, 2, White, ["Records removed before screening:",
            Item("Duplicate records", flow.Duplicates),
            Item("Records marked as ineligible by automation tools", flow.ExcludedAutomatic),
            Item("Records removed for other reasons", flow.ExcludedOther)]);
        var screened = grid.Add(2, 1, White, [Item("Records screened", flow.RecordsScreened)]);
        var excluded = grid.Add(2, 2, White, [Item("Records excluded", flow.RecordsExcludedTotal),
            .. flow.RecordsExcludedAutomation > 0
                ? new[] { Item("by humans", flow.RecordsExcluded ?? 0), Item("by automation tools", flow.RecordsExcludedAutomation) }
                : []]);
        var sought = grid.Add(3, 1, White, [Item("Reports sought for retrieval", flow.DbrSoughtReports)]);
        var notRetrieved = grid.Add(3, 2, White, [Item("Reports not retrieved", flow.DbrNotRetrievedReports)]);
        var assessed = grid.Add(4, 1, White, [Item("Reports assessed for eligibility", flow.DbrAssessed)]);
        var reasons = grid.Add(4, 2, White, ReasonLines(flow.DbrExcluded));
        var included = grid.Add(5, 1, White, [Item("New studies included in review", flow.NewStudies),
            Item("Reports of new included studies", flow.NewReports)]);
        grid.Arrow(identified, removed).Arrow(identified, screened).Arrow(screened, excluded).Arrow(screened, sought)
            .Arrow(sought, notRetrieved).Arrow(sought, assessed).Arrow(assessed, reasons).Arrow(assessed, included);

        if (flow.HasPreviousArm)
        {
            var previous = grid.Add(1, 0, Grey, [Item("Studies included in previous version of review", flow.PreviousStudies),
                Item("Reports of studies included in previous version of review", flow.PreviousReports)]);
            var total = grid.Add(5, 0, White, [Item("Total studies included in review", flow.TotalStudies),
                Item("Reports of total included studies", flow.TotalReports)]);
            grid.Arrow(previous, total).Arrow(included, total);
        }
        if (flow.HasOtherArm)
        {
            var other = grid.Add(1, 3, White, ["Records identified from:", Optional("Websites", flow.WebsiteResults),
                Optional("Organisations", flow.OrganisationResults), Optional("Citation searching", flow.CitationsResults)]);
            var otherSought = grid.Add(3, 3, White, [Item("Reports sought for retrieval", flow.OtherSoughtReports)]);
            var otherMissing = grid.Add(3, 4, White, [Item("Reports not retrieved", flow.OtherNotRetrievedReports)]);
            var otherAssessed = grid.Add(4, 3, White, [Item("Reports assessed for eligibility", flow.OtherAssessed)]);
            var otherReasons = grid.Add(4, 4, White, ReasonLines(flow.OtherExcluded));
            grid.Arrow(other, otherSought).Arrow(otherSought, otherMissing).Arrow(otherSought, otherAssessed)
                .Arrow(otherAssessed, otherReasons).Arrow(otherAssessed, included);
        }
        return Document(grid.Layout(Margin), grid);
    }

    private static string Document((double Width, double Height, double[] RowTops, double[] RowHeights) size, PrismaSvgGrid grid)
    {
        var bars = new[] { ("Identification", 1, 1), ("Screening", 2, 4), ("Included", 5, 5) }.Select(phase =>
        {
            var (label, from, to) = phase;
            double top = size.RowTops[from], height = size.RowTops[to] + size.RowHeights[to] - top;
            double cx = Margin + BarWidth / 2, cy = top + height / 2;
            return new XElement(Svg + "g",
                Rect(Margin, top, BarWidth, height, Blue),
                new XElement(Svg + "text", new XAttribute("x", Num(cx)), new XAttribute("y", Num(cy + 4)),
                    new XAttribute("text-anchor", "middle"), new XAttribute("font-weight", "bold"),
                    new XAttribute("transform", $"rotate(-90 {Num(cx)} {Num(cy)})"), label));
        });
        var boxes = grid.Boxes.Select(box => new XElement(Svg + "g",
            Rect(box.X, box.Y, box.Width, box.Height, box.Fill),
            box.Lines.Select((line, i) => new XElement(Svg + "text",
                new XAttribute("x", Num(box.X + box.Width / 2)),
                new XAttribute("y", Num(box.Y + (box.Height - box.Lines.Count * LineHeight) / 2 + 11 + i * LineHeight)),
                new XAttribute("text-anchor", "middle"), line))));
        var arrows = grid.Arrows.Select(points => new XElement(Svg + "polyline",
            new XAttribute("points", string.Join(' ', points.Select(p => $"{Num(p.X)},{Num(p.Y)}"))),
            new XAttribute("fill", "none"), new XAttribute("stroke", "#000000"), new XAttribute("marker-end", "url(#arrow)")));
        var marker = new XElement(Svg + "marker", new XAttribute("id", "arrow"), new XAttribute("viewBox", "0 0 10 10"),
            new XAttribute("refX", "10"), new XAttribute("refY", "5"), new XAttribute("markerWidth", "7"),
            new XAttribute("markerHeight", "7"), new XAttribute("orient", "auto"),
            new XElement(Svg + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z")));
        var root = new XElement(Svg + "svg",
            new XAttribute("width", Num(size.Width)), new XAttribute("height", Num(size.Height)),
            new XAttribute("viewBox", $"0 0 {Num(size.Width)} {Num(size.Height)}"),
            new XAttribute("font-family", "Helvetica, Arial, sans-serif"), new XAttribute("font-size", "12"),
            new XElement(Svg + "title", "PRISMA 2020 flow diagram"),
            new XElement(Svg + "defs", marker),
            Rect(0, 0, size.Width, size.Height, White, stroke: "none"),
            bars, boxes, arrows);
        return root.ToString();
    }

    private static XElement Rect(double x, double y, double width, double height, string fill, string stroke = "#000000") =>
        new(Svg + "rect", new XAttribute("x", Num(x)), new XAttribute("y", Num(y)), new XAttribute("width", Num(width)),
            new XAttribute("height", Num(height)), new XAttribute("fill", fill), new XAttribute("stroke", stroke));

    private static string Item(string text, int? n) =>
        $"{text} (n = {n?.ToString(CultureInfo.InvariantCulture) ?? "not reported"})";

    private static string? Optional(string text, int? n) => n is null ? null : Item(text, n);

    private static IEnumerable<string> Listed(IReadOnlyDictionary<string, int> counts) =>
        counts.Select(c => Item("– " + PrismaTemplate.CleanLabel(c.Key), c.Value));

    private static IEnumerable<string?> ReasonLines(IReadOnlyDictionary<string, int>? reasons) =>
        reasons is null || reasons.Count == 0
            ? [Item("Reports excluded", reasons is null ? null : 0)]
            : ["Reports excluded:", .. reasons.Select(r => Item(PrismaTemplate.CleanLabel(r.Key), r.Value))];

    private static string Num(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
