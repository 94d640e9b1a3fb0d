namespace EventReview.Tests.Security;

/// <summary>The ids a request is aimed at, and a tag that keeps what it creates apart from what other requests create.</summary>
public sealed record Target(Guid Review, Guid Record, Guid Search, Guid Kept, string Tag);

/// <summary>A raw file as the request body (an import), not JSON.</summary>
public sealed record Upload(string Text);

/// <summary>Text sent as it is with the JSON content type: malformed, mistyped or otherwise hostile.</summary>
public sealed record RawJson(string Text);

/// <summary>Bytes sent as they are with the JSON content type: text that is not UTF-8.</summary>
public sealed record RawBytes(byte[] Bytes);

public sealed record RouteRequest(HttpMethod Method, string Path, object? Body);

/// <summary>
/// For every route the application maps (keyed as "METHOD pattern", the pattern as the code declares it), a request
/// that succeeds for a caller allowed to make it: each body is valid, so a refusal is about who asks, never what.
/// </summary>
public static class RouteRequests
{
    public const string Review = "/api/reviews/{reviewId}";
    public const string Record = Review + "/records/{recordId}";

    public static RouteRequest For(string route, Target t)
    {
        var (method, pattern) = Split(route);
        var path = pattern
            .Replace("{reviewId}", t.Review.ToString(), StringComparison.Ordinal)
            .Replace("{recordId}", t.Record.ToString(), StringComparison.Ordinal)
            .Replace("{searchId}", t.Search.ToString(), StringComparison.Ordinal)
            .Replace("{stage}", "title-abstract", StringComparison.Ordinal)
            .Replace("{instrument}", "sanra2", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            // No event has sequence 0: who may ask is checked before the event is looked for.
            .Replace("{eventId}", "0", StringComparison.Ordinal);
        if (pattern.EndsWith("/imports", StringComparison.Ordinal)) path += "?format=ris";
        if (pattern.EndsWith("/decision-imports", StringComparison.Ordinal)) path += "?format=asreview";
        return new RouteRequest(method, path, Body(route, t));
    }

    public static (HttpMethod Method, string Pattern) Split(string route)
    {
        var parts = route.Split(' ', 2, StringSplitOptions.TrimEntries);
        return (HttpMethod.Parse(parts[0]), parts[1]);
    }

    /// <summary>A valid body for the route, or null when it takes none.</summary>
    public static object? Body(string route, Target t) => route switch
    {
        "POST /api/reviews" => new { title = "Review created by " + t.Tag, question = "Does it work?" },
        // A labelled dataset of its own per caller: the same file from the same caller is recognised and changes nothing.
        "POST /api/decision-imports" => new Upload($"title,abstract,included\r\nScreened by {t.Tag} {Guid.NewGuid():N},An abstract,1\r\n"),
        "POST " + Review + "/members" => new { userId = "added-by-" + t.Tag, name = "Added Member", roles = new[] { "auditor" } },
        "PUT " + Review + "/stages/{stage}" => new { reviewersPerRecord = 2, blinded = true },
        "PUT " + Review + "/highlights" => new { include = new[] { "stem cell*", "heart" }, exclude = new[] { "mice", "rat*" } },
        "POST " + Review + "/exclusion-reasons" => new { code = "reason-" + t.Tag, label = "Reason added by " + t.Tag, stage = "full-text" },
        "POST " + Review + "/searches" => new { source = "Embase", kind = "database", query = "stem cells", searchedOn = "2025-02-01" },
        "POST " + Review + "/searches/{searchId}/corrections" => new { reason = "Interface noted by " + t.Tag, platform = $"Ovid {Guid.NewGuid():N}" },
        "POST " + Review + "/searches/{searchId}/withdrawal" => new { reason = "Wrong database, says " + t.Tag },
        "POST " + Review + "/protocol" => new { reason = "Amended by " + t.Tag, question = $"Amended question {Guid.NewGuid():N}" },
        "POST " + Review + "/searches/{searchId}/imports" => new Upload(
            $"TY  - JOUR\r\nTI  - Imported by {t.Tag} about tissue engineering\r\nAU  - Importer{Letters(t.Tag)}, I.\r\nPY  - 2019\r\nER  - \r\n"),
        "POST " + Record + "/duplicate-of" => new { recordId = t.Kept, note = "Same study" },
        "DELETE " + Record + "/duplicate-of" => new { note = "Not the same study after all" },
        "POST " + Record + "/removal" => new { reason = "other", detail = "Retracted" },
        "POST " + Record + "/votes" => new { stage = "title-abstract", decision = "include" },
        "POST " + Record + "/resolution" => new { stage = "title-abstract", decision = "include", note = "Discussed and agreed" },
        "POST " + Record + "/retrieval" => new { retrieved = true },
        "POST " + Record + "/reopen" => new { stage = "title-abstract", reason = "Second reading of the abstract" },
        "POST " + Record + "/labels" => new { label = "Check the dose" },
        "DELETE " + Record + "/labels" => new { label = MatrixReview.PreparedLabel },
        "POST " + Record + "/study" => new { studyId = t.Kept, note = "A report of the kept study" },
        "POST " + Record + "/appraisals" => new { instrument = "sanra2", ratings = new Dictionary<string, string> { ["1"] = "2" } },
        "POST " + Review + "/instruments" => Checklist("checklist-" + t.Tag),
        "PUT " + Review + "/appraisal-settings" => new { appraisersPerRecord = 1 },
        "PUT " + Review + "/appraisal-scoring/{instrument}" => new { thresholdPercent = 70, notApplicable = "exclude-from-denominator" },
        "POST " + Review + "/reported-flow" => new { source = "Published figure 1", figures = new Dictionary<string, int> { ["database_results"] = 5 } },
        "POST " + Review + "/signatures" => new { scope = "title-abstract", meaning = "approval" },
        _ => null,
    };

    /// <summary>A two-item checklist of the review's own.</summary>
    public static object Checklist(string id) => new
    {
        id,
        version = "1.0",
        name = "Security checklist",
        items = new object[] { new { id = "dose", text = "Is the dose reported?" }, new { id = "source", text = "Is the source described?" } },
        ratings = new object[] { new { code = "no", label = "No" }, new { code = "yes", label = "Yes" } },
        defaultScoring = new { points = new Dictionary<string, int> { ["no"] = 0, ["yes"] = 1 }, thresholdPercent = 50, notApplicable = "exclude-from-denominator" },
    };

    /// <summary>Letters only, so a family name made from the tag never collides with another after normalisation.</summary>
    public static string Letters(string tag) => new(tag.Where(char.IsAsciiLetter).ToArray());
}
