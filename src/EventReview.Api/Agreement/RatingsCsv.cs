using CsvHelper;

namespace EventReview.Agreement;

/// <summary>
/// Reads long-format ratings from CSV with the header <c>item,rater,label</c> (any order, any case;
/// further columns are ignored). A missing rating is an absent row.
/// </summary>
public static class RatingsCsv
{
    private static readonly string[] Required = ["item", "rater", "label"];

    /// <summary>
    /// Reads every rating. Throws <see cref="AgreementInputException"/> with a one-line message for an
    /// empty file, a missing or wrong header, a blank field, an item rated twice by the same rater,
    /// malformed CSV, or ratings from fewer than two raters.
    /// </summary>
    public static IReadOnlyList<Rating> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        try
        {
            return ReadRatings(csv);
        }
        catch (CsvFormatException e)
        {
            throw new AgreementInputException($"Line {e.LineNumber}: malformed CSV (check the quotes).", e);
        }
    }

    private static List<Rating> ReadRatings(CsvReader csv)
    {
        var header = csv.Headers.Select(h => h.Trim().TrimStart('\uFEFF').Trim()).ToArray();
        if (header.Length == 0 || header.All(h => h.Length == 0))
        {
            throw new AgreementInputException("The ratings file is empty; expected a header item,rater,label and one row per rating.");
        }

        var columns = HeaderColumns(header);
        var ratings = new List<Rating>();
        var firstLine = new Dictionary<(string Item, string Rater), long>();
        while (csv.Read())
        {
            var line = csv.LineNumber;
            if (csv.FieldCount != header.Length)
            {
                throw new AgreementInputException(
                    $"Line {line}: expected {header.Length} fields as in the header, found {csv.FieldCount} (quote labels that contain commas).");
            }

            var fields = columns.Select(c => csv.GetString(c).Trim()).ToArray();
            for (var f = 0; f < Required.Length; f++)
            {
                if (fields[f].Length == 0)
                {
                    throw new AgreementInputException($"Line {line}: blank {Required[f]}.");
                }
            }

            var rating = new Rating(fields[0], fields[1], fields[2]);
            if (!firstLine.TryAdd((rating.Item, rating.Rater), line))
            {
                throw new AgreementInputException(
                    $"Line {line}: rater '{rating.Rater}' already rated item '{rating.Item}' on line {firstLine[(rating.Item, rating.Rater)]}.");
            }

            ratings.Add(rating);
        }

        if (ratings.Count == 0)
        {
            throw new AgreementInputException("The ratings file has a header but no ratings.");
        }

        var raters = ratings.Select(r => r.Rater).Distinct(StringComparer.Ordinal).ToArray();
        if (raters.Length < 2)
        {
            throw new AgreementInputException($"Only one rater ('{raters[0]}') in the file; agreement needs at least two.");
        }

        return ratings;
    }

    /// <summary>Column index of item, rater and label in the header.</summary>
    private static int[] HeaderColumns(string[] header)
    {
        var names = header.Select(h => h.ToLowerInvariant()).ToArray();
        var columns = Required.Select(r => Array.IndexOf(names, r)).ToArray();
        var duplicated = Required.Any(r => names.Count(n => n == r) > 1);
        if (columns.Any(c => c < 0) || duplicated)
        {
            throw new AgreementInputException(
                $"The header must name the columns item,rater,label (found '{string.Join(",", header)}').");
        }

        return columns;
    }
}
