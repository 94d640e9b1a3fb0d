using System.Text.RegularExpressions;

namespace EventReview.Prisma;

/// <summary>
/// The fixed grid behind <see cref="PrismaSvg"/>: boxes sit in rows and columns, every box of a row takes the
/// height of the row's tallest one, and arrows run between box edges. Column 0 holds previous studies and is
/// dropped when the review has no previous version.
/// </summary>
internal sealed partial class PrismaSvgGrid(bool previousColumn, double boxWidth, double gap, double left, int charsPerLine)
{
    public const double LineHeight = 15, Padding = 8;

    public sealed record Box(int Row, int Column, double X, double Width, string Fill, IReadOnlyList<string> Lines)
    {
        public double Y { get; set; }
        public double Height { get; set; }
        public double Right => X + Width;
        public double Bottom => Y + Height;
        public double CenterX => X + Width / 2;
        public double CenterY => Y + Height / 2;
    }

    private readonly List<(Box From, Box To)> links = [];

    public List<Box> Boxes { get; } = [];

    public IEnumerable<(double X, double Y)[]> Arrows => links.Select(link => Route(link.From, link.To));

    public Box Add(int row, int column, string fill, IEnumerable<string?> lines, int span = 1)
    {
        var x = left + (previousColumn ? column : column - 1) * (boxWidth + gap);
        var wrapped = lines.OfType<string>().SelectMany(line => Wrap(line, charsPerLine * span)).ToList();
        var box = new Box(row, column, x, span * boxWidth + (span - 1) * gap, fill, wrapped);
        Boxes.Add(box);
        return box;
    }

    public PrismaSvgGrid Arrow(Box from, Box to)
    {
        links.Add((from, to));
        return this;
    }

    /// <summary>Places the rows top to bottom and returns the drawing's size with each row's top and height.</summary>
    public (double Width, double Height, double[] RowTops, double[] RowHeights) Layout(double margin)
    {
        var rows = Boxes.Max(b => b.Row) + 1;
        var heights = new double[rows];
        var tops = new double[rows];
        foreach (var box in Boxes)
            heights[box.Row] = Math.Max(heights[box.Row], box.Lines.Count * LineHeight + 2 * Padding);
        for (var row = 0; row < rows; row++)
            tops[row] = row == 0 ? margin : tops[row - 1] + heights[row - 1] + gap;
        foreach (var box in Boxes)
            (box.Y, box.Height) = (tops[box.Row], heights[box.Row]);
        return (Boxes.Max(b => b.Right) + margin, tops[^1] + heights[^1] + margin, tops, heights);
    }

    private static (double X, double Y)[] Route(Box from, Box to) =>
        from.Row == to.Row
            ? [(from.X < to.X ? from.Right : from.X, from.CenterY), (from.X < to.X ? to.X : to.Right, to.CenterY)]
            : from.Column == to.Column
                ? [(from.CenterX, from.Bottom), (to.CenterX, to.Y)]
                : [(from.CenterX, from.Bottom), (from.CenterX, to.CenterY), (from.X > to.X ? to.Right : to.X, to.CenterY)];

    /// <summary>Greedy word wrap that keeps "(n = 12)" whole; a word longer than a line is cut.</summary>
    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in Words().Matches(text).SelectMany(m => m.Value.Chunk(width)))
        {
            var piece = new string(word);
            if (line.Length > 0 && line.Length + 1 + piece.Length > width)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? piece : line + " " + piece;
        }
        if (line.Length > 0) yield return line;
    }

    [GeneratedRegex(@"\(n = [^)]*\)|\S+")]
    private static partial Regex Words();
}
