namespace EventReview.Appraisal;

/// <summary>Whose ratings a record's appraisal with one instrument rests on.</summary>
public enum AppraisalBasis
{
    /// <summary>One appraiser has rated; their ratings count.</summary>
    SingleAppraiser,

    /// <summary>Two or more appraisers rated independently and gave the same rating on every item they all rated.</summary>
    Agreement,

    /// <summary>A lead or resolver recorded consensus ratings; they count on their items, agreeing ratings on the rest.</summary>
    Consensus,

    /// <summary>Independent ratings differ on some item that has no consensus rating yet: there is no score.</summary>
    AwaitingConsensus,
}

public sealed record AppraiserRatings(string Id, string Name, IReadOnlyDictionary<string, string> Ratings);

/// <summary>
/// One record's appraisal with one instrument as it stands: the ratings that count, the result they give, and
/// whether that result is final (so a rejection excludes the record).
/// </summary>
public sealed record AppraisalStanding(
    string Instrument,
    string InstrumentVersion,
    AppraisalBasis Basis,
    IReadOnlyDictionary<string, string> Counted,
    IReadOnlyList<string> DisputedItems,
    IReadOnlyList<string> PendingItems,
    IReadOnlyList<AppraiserRatings> Appraisers,
    IReadOnlyDictionary<string, string> ConsensusRatings,
    AppraisalResult? Result,
    bool Final)
{
    public const string Incomplete = "incomplete";
    public const string AwaitingConsensus = "awaiting-consensus";
    public const string NotScored = "not-scored";

    public bool Rejected => Final && Result?.Verdict == AppraisalVerdict.Rejected;

    /// <summary>
    /// The appraisal's verdict as a reader may rely on it: accepted or rejected only once final (every item rated
    /// by the appraisers the review requires, disputes settled); otherwise incomplete or awaiting consensus. A tool
    /// judged by its overall rating alone is not scored (its overall rating is the judgement).
    /// </summary>
    public string Outcome =>
        DisputedItems.Count > 0 ? AwaitingConsensus
        : !Final ? Incomplete
        : Result?.Verdict is { } verdict ? Hosting.EventReviewJson.Name(verdict)
        : NotScored;
}

/// <summary>
/// Decides whose ratings count, item by item: a consensus rating if there is one; else the rating every
/// independent appraiser gave alike. An item rated differently is disputed (the appraisal awaits consensus and
/// has no score); an item rated by some appraisers but not yet by all is pending (it counts as unrated). The
/// result is final when every item counts and either the review's number of appraisers has rated or the
/// consensus covers every item.
/// </summary>
public static class AppraisalStandings
{
    public static AppraisalStanding Of(AppraisalInstrument instrument, ScoringRule rule, IEnumerable<GivenRating> ratings, int appraisersPerRecord)
    {
        var mine = ratings.Where(r => r.Instrument == instrument.Id).ToList();
        var consensus = InItemOrder(instrument, mine.Where(r => r.Consensus));
        var appraisers = mine.Where(r => !r.Consensus)
            .GroupBy(r => r.RaterId, StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => r.At)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AppraiserRatings(g.Key, g.Last().RaterName, InItemOrder(instrument, g)))
            .ToList();

        var counted = new Dictionary<string, string>(StringComparer.Ordinal);
        var disputed = new List<string>();
        var pending = new List<string>();
        foreach (var item in instrument.Items)
        {
            if (consensus.TryGetValue(item.Id, out var agreed))
            {
                counted[item.Id] = agreed;
                continue;
            }

            var given = appraisers.Where(a => a.Ratings.ContainsKey(item.Id)).Select(a => a.Ratings[item.Id]).ToList();
            if (given.Count == 0) continue;
            if (given.Distinct(StringComparer.Ordinal).Count() > 1) disputed.Add(item.Id);
            else if (given.Count < appraisers.Count) pending.Add(item.Id);
            else counted[item.Id] = given[0];
        }

        var basis = disputed.Count > 0 ? AppraisalBasis.AwaitingConsensus
            : consensus.Count > 0 ? AppraisalBasis.Consensus
            : appraisers.Count > 1 ? AppraisalBasis.Agreement
            : AppraisalBasis.SingleAppraiser;
        var result = disputed.Count > 0 ? null : AppraisalScoring.Score(instrument, rule, counted);
        var consensusCoversAll = instrument.Items.All(i => consensus.ContainsKey(i.Id));
        var final = result is { Complete: true } && (appraisers.Count >= appraisersPerRecord || consensusCoversAll);
        var version = mine.Select(r => r.InstrumentVersion).LastOrDefault() ?? instrument.Version;
        return new AppraisalStanding(instrument.Id, version, basis, counted, disputed, pending, appraisers, consensus, result, final);
    }

    private static Dictionary<string, string> InItemOrder(AppraisalInstrument instrument, IEnumerable<GivenRating> ratings)
    {
        var byItem = ratings.ToDictionary(r => r.ItemId, r => r.Rating, StringComparer.Ordinal);
        return instrument.Items.Where(i => byItem.ContainsKey(i.Id)).ToDictionary(i => i.Id, i => byItem[i.Id], StringComparer.Ordinal);
    }
}
