using System.Globalization;
using System.Text.RegularExpressions;

namespace EventReview.Appraisal;

/// <summary>A total as a paper prints it, e.g. "7/9 (100%)"; the percentage is optional.</summary>
public sealed record PrintedTotal(int Score, int Maximum, decimal? Percent, int PercentDecimals);

/// <summary>
/// Reads printed totals and verdicts and checks them against the total recomputed from the printed item ratings,
/// so a table whose totals do not follow from its own ratings is flagged rather than silently trusted.
/// </summary>
public static partial class PrintedTotals
{
    public static PrintedTotal? Parse(string? text)
    {
        var match = TotalPattern().Match(text ?? "");
        if (!match.Success)
        {
            return null;
        }

        var percent = match.Groups["pct"];
        var percentText = percent.Value.Replace(',', '.');
        return new PrintedTotal(
            int.Parse(match.Groups["score"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["max"].Value, CultureInfo.InvariantCulture),
            percent.Success ? decimal.Parse(percentText, CultureInfo.InvariantCulture) : null,
            percentText.Contains('.', StringComparison.Ordinal) ? percentText.Length - percentText.IndexOf('.', StringComparison.Ordinal) - 1 : 0);
    }

    /// <returns>One message per way the printed total or verdict fails to follow from the result; empty if none.</returns>
    public static IReadOnlyList<string> Compare(string? printedTotal, string? printedVerdict, AppraisalResult result)
    {
        var problems = new List<string>();
        var recomputed = AppraisalScoring.FormatTotal(result);
        if (!string.IsNullOrWhiteSpace(printedTotal))
        {
            var printed = Parse(printedTotal);
            if (printed is null)
            {
                problems.Add($"printed total '{printedTotal}' is not of the form score/maximum (percentage%)");
            }
            else
            {
                CompareTotal(problems, printed, result, recomputed);
            }
        }

        if (!string.IsNullOrWhiteSpace(printedVerdict))
        {
            CompareVerdict(problems, printedVerdict, result, recomputed);
        }

        return problems;
    }

    private static void CompareTotal(List<string> problems, PrintedTotal printed, AppraisalResult result, string recomputed)
    {
        if (printed.Score != result.Score)
        {
            problems.Add($"printed score {printed.Score} but the ratings give {result.Score}");
        }

        if (printed.Maximum != result.Maximum)
        {
            problems.Add($"printed maximum {printed.Maximum} but the ratings give {result.Maximum}");
        }

        if (printed.Percent is not { } percent)
        {
            return;
        }

        var shown = string.Create(CultureInfo.InvariantCulture, $"{percent}%");
        if (!PercentMatches(percent, printed.PercentDecimals, result.Score, result.Maximum))
        {
            problems.Add($"printed {shown} but the ratings give {recomputed}");
        }

        var printedFractionDiffers = printed.Score != result.Score || printed.Maximum != result.Maximum;
        if (printedFractionDiffers && !PercentMatches(percent, printed.PercentDecimals, printed.Score, printed.Maximum))
        {
            problems.Add($"printed {shown} does not follow from the printed {AppraisalScoring.FormatTotal(printed.Score, printed.Maximum)}");
        }
    }

    private static void CompareVerdict(List<string> problems, string printedVerdict, AppraisalResult result, string recomputed)
    {
        AppraisalVerdict? printed = printedVerdict.Trim().ToLowerInvariant() switch
        {
            "accepted" or "accept" or "included" or "include" => AppraisalVerdict.Accepted,
            "rejected" or "reject" or "excluded" or "exclude" => AppraisalVerdict.Rejected,
            _ => null,
        };
        var threshold = string.Create(CultureInfo.InvariantCulture, $"{result.ThresholdPercent:0.##}%");
        if (printed is null)
        {
            problems.Add($"printed verdict '{printedVerdict}' is neither accepted/included nor rejected/excluded");
        }
        else if (result.Verdict is null)
        {
            problems.Add($"printed verdict '{printedVerdict}' but {recomputed} gives no verdict");
        }
        else if (printed != result.Verdict)
        {
            var side = result.Verdict == AppraisalVerdict.Accepted ? "reaches" : "is below";
            problems.Add($"printed verdict '{printedVerdict}' but {recomputed} {side} the {threshold} threshold");
        }
    }

    /// <summary>A printed percentage matches when it is the exact value rounded or truncated to the printed decimals.</summary>
    private static bool PercentMatches(decimal printed, int decimals, int score, int maximum)
    {
        if (maximum == 0)
        {
            return false;
        }

        var exact = score * 100m / maximum;
        var scale = (decimal)Math.Pow(10, decimals);
        return printed == Math.Round(exact, decimals, MidpointRounding.AwayFromZero)
            || printed == Math.Truncate(exact * scale) / scale;
    }

    [GeneratedRegex(@"^\s*(?<score>\d+)\s*/\s*(?<max>\d+)\s*(?:\(\s*(?<pct>\d+(?:[.,]\d+)?)\s*%\s*\))?\s*$")]
    private static partial Regex TotalPattern();
}
