using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

/// <summary>Replaces both lists of highlighted terms; empty lists highlight nothing.</summary>
public sealed record SetHighlightTerms(IReadOnlyList<string>? Include, IReadOnlyList<string>? Exclude);

/// <summary>Terms suggesting inclusion and terms suggesting exclusion, each a word or a prefix ending in <c>*</c>.</summary>
public sealed record HighlightTerms(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    public static readonly HighlightTerms None = new([], []);
}

public static class SetHighlightTermsEndpoint
{
    public const int MaxTerms = 100;
    public const int MaxTermLength = 100;

    public static ProblemDetails Validate(SetHighlightTerms command) =>
        Problems.FirstOf(CheckList(command.Include, "include"), CheckList(command.Exclude, "exclude"));

    /// <summary>
    /// A term is matched as whole words, or as a prefix when it ends in <c>*</c>; a <c>*</c> anywhere else, or alone,
    /// would match everything or nothing, so it is refused rather than guessed at.
    /// </summary>
    private static ProblemDetails? CheckList(IReadOnlyList<string>? terms, string field)
    {
        if (terms is null) return Problems.Invalid($"'{field}' is required (an empty list highlights nothing).");
        if (terms.Count > MaxTerms) return Problems.Invalid($"'{field}' holds at most {MaxTerms} terms.");
        foreach (var term in terms)
        {
            if (Problems.CheckText(term, field, MaxTermLength) is { } problem) return problem;
            var stem = term.Trim().TrimEnd('*');
            if (stem.Length == 0 || stem.Contains('*', StringComparison.Ordinal) || term.Trim().Length - stem.Length > 1)
                return Problems.Invalid($"'{field}': the term '{term.Trim()}' may have one '*' only at its end, after at least one letter.");
        }
        return null;
    }

    public static RuleOutcome Decide(Review review, SetHighlightTerms command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        var include = Distinct(command.Include!);
        var exclude = Distinct(command.Exclude!);
        // A term in both lists would be shown in whichever style came last: the lead's intent would be unreadable.
        if (include.Intersect(exclude, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } both)
            return Refusal.Broken("highlight-term-in-both-lists", $"The term '{both}' cannot be both an include and an exclude term.");
        return RuleOutcome.Append(new HighlightTermsSet(review.Id, include, exclude, by));
    }

    /// <summary>Trimmed, and each once whatever its case (matching ignores case), in the order the lead gave.</summary>
    private static List<string> Distinct(IEnumerable<string> terms) =>
        [.. terms.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    [WolverinePut("/api/reviews/{reviewId}/highlights", OperationId = "setHighlightTerms",
        Summary = "Set the search terms highlighted in titles and abstracts for screeners."), Tags("Reviews")]
    [ProducesResponseType<HighlightTerms>(200)]
    public static Task<IResult> Put(Guid reviewId, SetHighlightTerms command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, command, by),
            review => Results.Ok(review.Highlights), ct);
}
