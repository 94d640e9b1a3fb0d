using System.Globalization;

namespace EventReview.Agreement;

/// <summary>
/// Long-format ratings arranged by item: each item's ratings as (rater, category index) in rater order, the shape every
/// coefficient starts from. Items and raters keep the order of their first rating. Rows rather than an items x raters
/// grid, because a grid is mostly empty when many screeners each rate a share of the records.
/// </summary>
public sealed class RatingTable
{
    /// <summary>Marks a rater who did not rate an item.</summary>
    public const int Missing = -1;

    // Item i's ratings are entries _start[i] up to _start[i + 1], raters ascending.
    private readonly int[] _start;
    private readonly int[] _rater;
    private readonly int[] _category;

    private RatingTable(IReadOnlyList<string> items, string[] raters, string[] categories, double[]? values, int[] start, int[] rater, int[] category)
    {
        Items = items;
        Raters = raters;
        Categories = categories;
        NumericValues = values;
        (_start, _rater, _category) = (start, rater, category);
    }

    public IReadOnlyList<string> Items { get; }

    public IReadOnlyList<string> Raters { get; }

    /// <summary>The category order: the given categories, else the observed labels sorted (numerically when all are numbers).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The categories' numeric values when every category is a number, else null.</summary>
    public IReadOnlyList<double>? NumericValues { get; }

    /// <summary>Category index of the rating of <paramref name="item"/> by <paramref name="rater"/>, or <see cref="Missing"/>.</summary>
    public int this[int item, int rater]
    {
        get
        {
            for (var e = _start[item]; e < _start[item + 1]; e++)
                if (_rater[e] == rater) return _category[e];
            return Missing;
        }
    }

    /// <summary>The ratings of <paramref name="item"/> as (rater, category index), raters ascending.</summary>
    public IEnumerable<(int Rater, int Category)> RatingsOf(int item)
    {
        for (var e = _start[item]; e < _start[item + 1]; e++) yield return (_rater[e], _category[e]);
    }

    /// <summary>Arranges the ratings; throws <see cref="AgreementInputException"/> for blank fields, repeated ratings or unknown labels.</summary>
    public static RatingTable Build(IReadOnlyList<Rating> ratings, IReadOnlyList<string>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var raters = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<(string Item, string Rater)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var rating = ratings[i] ?? throw new AgreementInputException($"Rating {i + 1} is missing.");
            RequireText(rating.Item, "item", i);
            RequireText(rating.Rater, "rater", i);
            RequireText(rating.Label, "label", i);
            if (!seen.Add((rating.Item, rating.Rater)))
            {
                throw new AgreementInputException($"Rater '{rating.Rater}' rated item '{rating.Item}' more than once.");
            }

            items.TryAdd(rating.Item, items.Count);
            raters.TryAdd(rating.Rater, raters.Count);
        }

        var (order, index) = CategoryOrder(ratings.Select(r => r.Label), categories);

        var grid = new int[items.Count, raters.Count];
        for (var i = 0; i < items.Count; i++)
        {
            for (var r = 0; r < raters.Count; r++)
            {
                grid[i, r] = Missing;
            }
        }

        foreach (var rating in ratings)
        {
            if (!index.TryGetValue(rating.Label, out var category))
            {
                throw new AgreementInputException(
                    $"Label '{rating.Label}' (item '{rating.Item}', rater '{rating.Rater}') is not one of the given categories {string.Join(", ", order)}.");
            }

            grid[items[rating.Item], raters[rating.Rater]] = category;
        }

        var (start, raterOf, categoryOf) = (new int[items.Count + 1], new List<int>(ratings.Count), new List<int>(ratings.Count));
        for (var i = 0; i < items.Count; i++)
        {
            start[i] = raterOf.Count;
            for (var r = 0; r < raters.Count; r++)
            {
                if (grid[i, r] != Missing)
                {
                    raterOf.Add(r);
                    categoryOf.Add(grid[i, r]);
                }
            }
        }

        start[items.Count] = raterOf.Count;
        return new RatingTable(items.Keys.ToArray(), raters.Keys.ToArray(), order, NumbersOf(order), start, [.. raterOf], [.. categoryOf]);
    }

    /// <summary>
    /// The table <see cref="Build"/> makes from groups of interchangeable items, each group's ratings repeated for its
    /// count of items (named "group-index", groups numbered from 1 in the order given), without one rating object per
    /// rater per item: a review of 100,000 screened records is a few dozen groups of identical first votes.
    /// </summary>
    public static RatingTable FromGroups(IReadOnlyList<(IReadOnlyList<(string Rater, string Label)> Ratings, long Count)> groups,
        IReadOnlyList<string>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var raters = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        var rating = 0;
        foreach (var (ratings, _) in groups.Where(g => g.Count > 0))
        {
            foreach (var (rater, label) in ratings)
            {
                RequireText(rater, "rater", rating);
                RequireText(label, "label", rating++);
                raters.TryAdd(rater, raters.Count);
                labels.Add(label);
            }
            if (ratings.GroupBy(r => r.Rater, StringComparer.Ordinal).FirstOrDefault(r => r.Count() > 1) is { } twice)
                throw new AgreementInputException($"Rater '{twice.Key}' rated the same items more than once.");
        }

        var (order, index) = CategoryOrder(labels, categories);

        // A group without ratings holds no rated item.
        var itemCount = checked((int)groups.Where(g => g.Ratings.Count > 0).Sum(g => Math.Max(g.Count, 0)));
        var start = new int[itemCount + 1];
        var (firstItems, groupNumbers) = (new List<int>(), new List<int>());
        var (raterOf, categoryOf) = (new List<int>(), new List<int>());
        var item = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var (ratings, count) = groups[g];
            if (ratings.Count == 0 || count <= 0) continue;
            var entries = ratings
                .Select(r => (Rater: raters[r.Rater], Category: index.TryGetValue(r.Label, out var c)
                    ? c
                    : throw new AgreementInputException($"Label '{r.Label}' (rater '{r.Rater}') is not one of the given categories {string.Join(", ", order)}.")))
                .OrderBy(e => e.Rater)
                .ToArray();
            firstItems.Add(item);
            groupNumbers.Add(g + 1);
            for (var i = 0L; i < count; i++, item++)
            {
                start[item] = raterOf.Count;
                foreach (var (r, c) in entries)
                {
                    raterOf.Add(r);
                    categoryOf.Add(c);
                }
            }
        }

        start[itemCount] = raterOf.Count;
        var items = new GroupItemNames([.. firstItems], [.. groupNumbers], itemCount);
        return new RatingTable(items, raters.Keys.ToArray(), order, NumbersOf(order), start, [.. raterOf], [.. categoryOf]);
    }

    /// <summary>Items x categories matrix: how many raters put each item in each category.</summary>
    public int[,] CategoryCounts()
    {
        var counts = new int[Items.Count, Categories.Count];
        for (var i = 0; i < Items.Count; i++)
        {
            for (var e = _start[i]; e < _start[i + 1]; e++)
            {
                counts[i, _category[e]]++;
            }
        }

        return counts;
    }

    /// <summary>Categories x categories table of the items both raters rated (rows: <paramref name="first"/>).</summary>
    public int[,] Crosstab(int first, int second)
    {
        var table = new int[Categories.Count, Categories.Count];
        for (var i = 0; i < Items.Count; i++)
        {
            if (this[i, first] is var a and not Missing && this[i, second] is var b and not Missing)
            {
                table[a, b]++;
            }
        }

        return table;
    }

    /// <summary>
    /// <see cref="Crosstab"/> of every pair of raters (indexed [first, second], first before second), in one pass over
    /// the items: each item adds only to the pairs among its own raters, so many raters who each rate a share of the
    /// items (screeners splitting a review) cost no more than two.
    /// </summary>
    public int[,][,] PairCrosstabs()
    {
        var q = Categories.Count;
        var tables = new int[Raters.Count, Raters.Count][,];
        for (var a = 0; a < Raters.Count; a++)
            for (var b = a + 1; b < Raters.Count; b++)
                tables[a, b] = new int[q, q];

        for (var i = 0; i < Items.Count; i++)
            for (var x = _start[i]; x < _start[i + 1]; x++)
                for (var y = x + 1; y < _start[i + 1]; y++)
                    tables[_rater[x], _rater[y]][_category[x], _category[y]]++;

        return tables;
    }

    /// <summary>Parses a label as a number the way the category order does (invariant culture).</summary>
    public static bool TryParseNumber(string label, out double value) =>
        double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static void RequireText(string? value, string field, int index)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new AgreementInputException($"Rating {index + 1} has a blank {field}.");
        }
    }

    /// <summary>The category order (the given categories, else the labels sorted) and each category's index in it.</summary>
    private static (string[] Order, Dictionary<string, int> Index) CategoryOrder(IEnumerable<string> labels, IReadOnlyList<string>? categories)
    {
        var order = categories is null ? SortLabels(labels) : CheckCategories(categories);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < order.Length; c++)
        {
            index[order[c]] = c;
        }

        return (order, index);
    }

    private static string[] SortLabels(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToArray();
        if (NumbersOf(distinct) is { } numbers)
        {
            // Numeric labels sort by value so that "10" follows "9", as R sorts numeric ratings.
            return distinct.Zip(numbers).OrderBy(p => p.Second).ThenBy(p => p.First, StringComparer.Ordinal)
                .Select(p => p.First).ToArray();
        }

        return distinct.OrderBy(l => l, StringComparer.Ordinal).ToArray();
    }

    private static string[] CheckCategories(IReadOnlyList<string> categories)
    {
        if (categories.Any(string.IsNullOrWhiteSpace))
        {
            throw new AgreementInputException("The given categories contain a blank entry.");
        }

        var duplicate = categories.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new AgreementInputException($"Category '{duplicate.Key}' is given more than once.");
        }

        return categories.ToArray();
    }

    private static double[]? NumbersOf(string[] labels)
    {
        if (labels.Length == 0)
        {
            return null;
        }

        var values = new double[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!TryParseNumber(labels[i], out values[i]))
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>Item names "group-index" of grouped items, made when read: the statistics only count the items.</summary>
    private sealed class GroupItemNames(int[] firstItems, int[] groupNumbers, int count) : IReadOnlyList<string>
    {
        public int Count => count;

        public string this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
                var found = Array.BinarySearch(firstItems, index);
                var group = found >= 0 ? found : ~found - 1;
                return $"{groupNumbers[group]:D6}-{index - firstItems[group]:D9}";
            }
        }

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
