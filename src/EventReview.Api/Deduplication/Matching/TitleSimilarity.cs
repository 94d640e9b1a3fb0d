namespace EventReview.Deduplication;

/// <summary>
/// Normalized Levenshtein similarity: 1 - distance / length of the longer string, so 1 means identical and 0.9
/// allows one edit (insertion, deletion or substitution of a character) per ten characters.
/// </summary>
public static class TitleSimilarity
{
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longer = Math.Max(a.Length, b.Length);
        return longer == 0 ? 1.0 : 1.0 - (double)Distance(a, b) / longer;
    }

    /// <summary>True when the similarity reaches <paramref name="threshold"/>; stops early once it cannot.</summary>
    public static bool AtLeast(string a, string b, double threshold, out double similarity)
    {
        var longer = Math.Max(a.Length, b.Length);
        var maxDistance = (int)Math.Floor((1 - threshold) * longer + 1e-9);
        var distance = Math.Abs(a.Length - b.Length) > maxDistance ? int.MaxValue : Distance(a, b, maxDistance);
        similarity = longer == 0 ? 1.0 : distance == int.MaxValue ? 0 : 1.0 - (double)distance / longer;
        return distance <= maxDistance;
    }

    /// <summary>Levenshtein distance; int.MaxValue once it must exceed <paramref name="bound"/>.</summary>
    public static int Distance(string a, string b, int bound = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > bound)
            {
                return int.MaxValue;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length] > bound ? int.MaxValue : previous[b.Length];
    }
}
