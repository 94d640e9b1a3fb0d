using System.Globalization;

namespace EventReview.Tests.Security;

/// <summary>Who asks: the members of the review under test, a member of another review, and callers without a valid token.</summary>
public enum Caller
{
    /// <summary>The review's lead.</summary>
    Lead,

    /// <summary>A screener (blinded: sees only their own votes on undecided records).</summary>
    ScreenerA,

    /// <summary>The other screener.</summary>
    ScreenerB,

    /// <summary>An appraiser, and nothing else.</summary>
    Appraiser,

    /// <summary>An auditor: reads everything, changes nothing.</summary>
    Auditor,

    /// <summary>The lead of another review, who is no member of this one.</summary>
    Other,

    /// <summary>No Authorization header.</summary>
    NoToken,

    /// <summary>The lead's own token, expired.</summary>
    Expired,
}

/// <summary>
/// The authorization matrix: for every route the application maps, the status each caller gets. A non-member gets
/// 404 for anything inside the review (it learns nothing, not even that the review exists), a member without the
/// role 403, a caller without a valid token 401. Each request is valid and aimed at a record in the state the route
/// needs, so a 2xx is what the allowed caller gets and any refusal is about who asks. The seed's printed appraisal
/// tables exist for the seed review only, so every member of any other review gets 404 there. The queue is a screener's
/// own work list: a lead, appraiser or auditor reads the same records through the records list instead.
/// </summary>
public static class AccessMatrix
{
    public const string Table = """
        route                                                                 lead  scrA  scrB  appr  audit other none  expired
        GET    /api/reviews                                                    200   200   200   200   200   200   401   401
        POST   /api/reviews                                                    201   201   201   201   201   201   401   401
        POST   /api/decision-imports                                           201   201   201   201   201   201   401   401
        GET    /api/reviews/{reviewId}                                         200   200   200   200   200   404   401   401
        POST   /api/reviews/{reviewId}/members                                 200   403   403   403   403   404   401   401
        PUT    /api/reviews/{reviewId}/stages/{stage}                          200   403   403   403   403   404   401   401
        PUT    /api/reviews/{reviewId}/highlights                              200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/exclusion-reasons                       201   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/searches                                201   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/searches/{searchId}/imports             200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/searches/{searchId}/corrections         200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/searches/{searchId}/withdrawal          200   403   403   403   403   404   401   401
        GET    /api/reviews/{reviewId}/searches                                200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/members                                 200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/exclusion-reasons                       200   200   200   200   200   404   401   401
        POST   /api/reviews/{reviewId}/protocol                                200   403   403   403   403   404   401   401
        GET    /api/reviews/{reviewId}/records                                 200   200   200   200   200   404   401   401
        POST   /api/reviews/{reviewId}/deduplication                           200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/duplicate-of         200   403   403   403   403   404   401   401
        DELETE /api/reviews/{reviewId}/records/{recordId}/duplicate-of         200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/removal              200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/votes                403   200   200   403   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/resolution           200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/retrieval            200   200   200   403   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/reopen               200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/study                200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/appraisals           403   403   403   200   403   404   401   401
        POST   /api/reviews/{reviewId}/records/{recordId}/labels               200   200   200   403   403   404   401   401
        DELETE /api/reviews/{reviewId}/records/{recordId}/labels               200   200   200   403   403   404   401   401
        GET    /api/reviews/{reviewId}/records/{recordId}/trail                200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/queue                                   403   200   200   403   403   404   401   401
        GET    /api/reviews/{reviewId}/agreement                               200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/decisions.csv                           200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/appraisals                              200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/appraisals.csv                          200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/instruments                             200   200   200   200   200   404   401   401
        POST   /api/reviews/{reviewId}/instruments                             201   403   403   403   403   404   401   401
        PUT    /api/reviews/{reviewId}/appraisal-settings                      200   403   403   403   403   404   401   401
        PUT    /api/reviews/{reviewId}/appraisal-scoring/{instrument}          200   403   403   403   403   404   401   401
        GET    /api/reviews/{reviewId}/audit                                   200   403   403   403   200   404   401   401
        GET    /api/reviews/{reviewId}/events                                  200   403   403   403   200   404   401   401
        GET    /api/reviews/{reviewId}/events/{eventId}/proof                  404   403   403   403   404   404   401   401
        GET    /api/reviews/{reviewId}/verification                            200   403   403   403   200   404   401   401
        GET    /api/reviews/{reviewId}/seed/printed-appraisals                 404   404   404   404   404   404   401   401
        GET    /api/reviews/{reviewId}/prisma                                  200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/prisma.csv                              200   200   200   200   200   404   401   401
        GET    /api/reviews/{reviewId}/prisma.svg                              200   200   200   200   200   404   401   401
        POST   /api/reviews/{reviewId}/reported-flow                           200   403   403   403   403   404   401   401
        POST   /api/reviews/{reviewId}/signatures                              200   403   403   403   403   404   401   401
        GET    /health/live                                                    200   200   200   200   200   200   200   200
        GET    /health/ready                                                   200   200   200   200   200   200   200   200
        GET    /openapi/{documentName}.json                                    200   200   200   200   200   200   200   200
        GET    /docs/{documentName?}                                           200   200   200   200   200   200   200   200
        GET    /docs/scalar.js                                                 200   200   200   200   200   200   200   200
        GET    /docs/scalar.aspnetcore.js                                      200   200   200   200   200   200   200   200
        GET    /docs/favicon.svg                                               200   200   200   200   200   200   200   200
        """;

    /// <summary>Each route ("METHOD pattern") with the status each caller expects, in table order.</summary>
    public static IReadOnlyList<(string Route, IReadOnlyDictionary<Caller, int> Expected)> Rows { get; } = Parse(Table);

    public static int Expected(string route, Caller caller) => Rows.Single(r => r.Route == route).Expected[caller];

    private static List<(string, IReadOnlyDictionary<Caller, int>)> Parse(string table)
    {
        var callers = Enum.GetValues<Caller>();
        return table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(cells =>
            {
                if (cells.Length != 2 + callers.Length) throw new FormatException($"Matrix row '{string.Join(' ', cells)}' needs a status per caller.");
                var expected = callers.Select((c, i) => (c, int.Parse(cells[2 + i], CultureInfo.InvariantCulture))).ToDictionary(x => x.c, x => x.Item2);
                return ($"{cells[0]} {cells[1]}", (IReadOnlyDictionary<Caller, int>)expected);
            })
            .ToList();
    }
}
