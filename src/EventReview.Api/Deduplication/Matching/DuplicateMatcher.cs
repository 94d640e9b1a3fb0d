namespace EventReview.Deduplication;

/// <summary>
/// Finds duplicate records. Each record is compared with the records imported before it, in three passes by
/// priority: same DOI, same PMID, then fuzzy: same year (within <see cref="DedupOptions.YearTolerance"/>), same
/// first-author family name and titles whose normalized Levenshtein similarity reaches the threshold. A fuzzy
/// match is vetoed when both records carry different DOIs or different PMIDs (an erratum shares its title).
/// Matches are grouped transitively; each group keeps its earliest record and every other member is reported once.
/// Cost: DOI and PMID are hash lookups; the fuzzy pass compares a record only with earlier records in its block
/// (year, family name, first letter of the title after a leading article), at most
/// <see cref="DedupOptions.MaxComparisonsPerRecord"/> of them, so the work grows linearly with the number of records.
/// </summary>
public static class DuplicateMatcher
{
    private sealed record Edge(int From, int To, DuplicateMethod Method, MatchEvidence Evidence);

    private sealed record Keys(string? Doi, string? Pmid, string Title, string Family, int? Year);

    public static IReadOnlyList<DuplicateMatch> FindDuplicates(IReadOnlyList<DedupCandidate> recordsInImportOrder, DedupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recordsInImportOrder);
        options ??= DedupOptions.Default;
        if (options.TitleSimilarityThreshold is <= 0 or > 1 || double.IsNaN(options.TitleSimilarityThreshold)
            || options.YearTolerance < 0 || options.MaxComparisonsPerRecord < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options,
                "TitleSimilarityThreshold must be in (0, 1]; YearTolerance and MaxComparisonsPerRecord must not be negative.");
        }

        var records = recordsInImportOrder;
        var ids = new HashSet<string>();
        foreach (var r in records)
        {
            if (!ids.Add(r.Id))
            {
                throw new ArgumentException($"Record id '{r.Id}' appears twice.", nameof(recordsInImportOrder));
            }
        }

        var keys = records.Select(r => new Keys(MatchKeys.Doi(r.Doi), MatchKeys.Pmid(r.Pmid), MatchKeys.Title(r.Title), MatchKeys.FamilyName(r.FirstAuthor), r.Year)).ToArray();
        var edges = FindEdges(records, keys, options);
        return Group(records, edges);
    }

    private static List<Edge> FindEdges(IReadOnlyList<DedupCandidate> records, Keys[] keys, DedupOptions options)
    {
        var edges = new List<Edge>();
        var firstByDoi = new Dictionary<string, int>();
        var firstByPmid = new Dictionary<string, int>();
        var blocks = new Dictionary<(int? Year, string Family, char Initial), List<int>>();
        for (var i = 0; i < records.Count; i++)
        {
            var k = keys[i];
            if (k.Doi is not null && !firstByDoi.TryAdd(k.Doi, i))
            {
                var j = firstByDoi[k.Doi];
                edges.Add(new Edge(i, j, DuplicateMethod.Doi, new MatchEvidence(records[j].Id, Doi: k.Doi)));
            }

            if (k.Pmid is not null && !firstByPmid.TryAdd(k.Pmid, i))
            {
                var j = firstByPmid[k.Pmid];
                edges.Add(new Edge(i, j, DuplicateMethod.Pmid, new MatchEvidence(records[j].Id, Pmid: k.Pmid)));
            }

            if (k.Title.Length >= Math.Max(1, options.MinimumTitleLength))
            {
                if (FuzzyMatch(i, keys, blocks, options) is { } fuzzy)
                {
                    edges.Add(new Edge(i, fuzzy.Index, DuplicateMethod.Fuzzy,
                        new MatchEvidence(records[fuzzy.Index].Id, TitleKey: k.Title, Year: k.Year, FirstAuthorKey: k.Family,
                            TitleSimilarity: Math.Round(fuzzy.Similarity, 4))));
                }

                var block = (k.Year, k.Family, Initial(k.Title));
                if (!blocks.TryGetValue(block, out var members))
                {
                    blocks[block] = members = [];
                }

                members.Add(i);
            }
        }

        return edges;
    }

    /// <summary>The earliest earlier record in the blocks that matches, or null.</summary>
    private static (int Index, double Similarity)? FuzzyMatch(
        int i, Keys[] keys, Dictionary<(int? Year, string Family, char Initial), List<int>> blocks, DedupOptions options)
    {
        var k = keys[i];
        var years = k.Year is { } y
            ? Enumerable.Range(y - options.YearTolerance, 2 * options.YearTolerance + 1).Select(v => (int?)v)
            : [null];
        (int Index, double Similarity)? best = null;
        var comparisons = 0;
        foreach (var year in years)
        {
            if (!blocks.TryGetValue((year, k.Family, Initial(k.Title)), out var members))
            {
                continue;
            }

            foreach (var j in members)
            {
                if ((best is { } b && j >= b.Index) || ++comparisons > options.MaxComparisonsPerRecord)
                {
                    break;
                }

                var other = keys[j];
                var conflicting = (k.Doi is not null && other.Doi is not null && k.Doi != other.Doi)
                    || (k.Pmid is not null && other.Pmid is not null && k.Pmid != other.Pmid);
                if (!conflicting && TitleSimilarity.AtLeast(k.Title, other.Title, options.TitleSimilarityThreshold, out var similarity))
                {
                    best = (j, similarity);
                }
            }
        }

        return best;
    }

    /// <summary>Blocks by the title's first letter, ignoring a leading English article.</summary>
    private static char Initial(string titleKey)
    {
        foreach (var article in (ReadOnlySpan<string>)["the ", "a ", "an "])
        {
            if (titleKey.StartsWith(article, StringComparison.Ordinal) && titleKey.Length > article.Length)
            {
                return titleKey[article.Length];
            }
        }

        return titleKey[0];
    }

    /// <summary>
    /// Union of all edges; the kept record is each group's earliest. A record reports its own highest-priority
    /// edge; a record that joins only through a later record (both matched it) reports the edge that joins them.
    /// </summary>
    private static List<DuplicateMatch> Group(IReadOnlyList<DedupCandidate> records, List<Edge> edges)
    {
        var parent = Enumerable.Range(0, records.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                var grandparent = parent[parent[x]];
                parent[x] = grandparent;
                x = grandparent;
            }

            return x;
        }

        foreach (var e in edges)
        {
            var (a, b) = (Find(e.From), Find(e.To));
            parent[Math.Max(a, b)] = Math.Min(a, b);
        }

        var own = new Edge?[records.Count];
        foreach (var e in edges)
        {
            own[e.From] ??= e;
        }

        var tree = new int[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            tree[i] = own[i] is { } e ? tree[e.To] : i;
        }

        var bridge = new Edge?[records.Count];
        foreach (var e in edges.Where(e => tree[e.From] != tree[e.To]))
        {
            bridge[tree[e.From]] ??= e;
            bridge[tree[e.To]] ??= e;
        }

        var matches = new List<DuplicateMatch>();
        for (var i = 0; i < records.Count; i++)
        {
            var kept = Find(i);
            if (kept == i)
            {
                continue;
            }

            var edge = own[i] ?? bridge[i]!;
            var evidence = own[i] is not null ? edge.Evidence
                : edge.Evidence with { MatchedId = records[tree[edge.From] == i ? edge.To : edge.From].Id };
            matches.Add(new DuplicateMatch(records[i].Id, records[kept].Id, edge.Method, evidence));
        }

        return matches;
    }
}
