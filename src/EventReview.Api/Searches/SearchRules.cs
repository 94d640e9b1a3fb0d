using EventReview.Hosting;
using EventReview.Rules;
using Microsoft.AspNetCore.Mvc;

namespace EventReview.Searches;

/// <summary>What makes a search coherent, checked on the search as recorded and again on the search as a correction leaves it.</summary>
public static class SearchRules
{
    public const int MaxSource = 300;
    public const int MaxQuery = 100_000;
    public const int MaxFilters = 2_000;
    public const int MaxPlatform = 300;
    public const int MaxPeerReview = 2_000;

    /// <summary>The lengths of the texts a request gives; a null is a field the request leaves out.</summary>
    public static ProblemDetails CheckTexts(string? source, string? query, string? filters, string? platform, string? peerReview, bool required) =>
        Problems.FirstOf(
            Problems.CheckText(source, "source", MaxSource, required),
            Problems.CheckText(query, "query", MaxQuery, required),
            Problems.CheckText(filters, "filters", MaxFilters, required: false),
            Problems.CheckText(platform, "platform", MaxPlatform, required: false),
            Problems.CheckText(peerReview, "peerReview", MaxPeerReview, required: false));

    /// <summary>
    /// The latest date a search can carry: the server's UTC date plus one day, because a search run today in a time zone
    /// ahead of UTC (up to UTC+14) is already dated tomorrow there.
    /// </summary>
    public static DateOnly Latest(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);

    public static Refusal? Check(Search s, DateOnly latest)
    {
        if (s.Kind == SearchKind.Other && s.OtherMethod is null)
            return Refusal.Invalid("A search of kind 'other' names its 'otherMethod': website, organisation or citation.");
        if (s.Kind != SearchKind.Other && s.OtherMethod is not null)
            return Refusal.Invalid("'otherMethod' belongs to searches of kind 'other' only.");
        if (s.ReportedCount is < 0) return Refusal.Invalid("'reportedCount' cannot be negative.");
        if (s.SearchedOn == default) return Refusal.Invalid("'searchedOn' (the date the search was run) is required.");
        foreach (var (field, date) in new[] { ("searchedOn", (DateOnly?)s.SearchedOn), ("coveredFrom", s.CoveredFrom), ("coveredTo", s.CoveredTo) })
            if (date > latest) return Refusal.Invalid($"'{field}' is {date:yyyy-MM-dd}, a date in the future: a search is recorded once it has been run.");
        if (s.CoveredFrom > s.CoveredTo) return Refusal.Invalid("'coveredFrom' comes after 'coveredTo'.");
        if (s.CoveredTo > s.SearchedOn) return Refusal.Invalid("'coveredTo' comes after 'searchedOn': a search cannot cover dates after it was run.");
        return null;
    }
}
