using System.Security.Claims;
using System.Text;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.Features;
using Wolverine.Http;

namespace EventReview.Records;

public static class ImportRecordsEndpoint
{
    /// <summary>
    /// The raw export file is the body; it is parsed as it streams in, never held whole in memory, and capped by
    /// EventReview:MaxUploadBytes (see <see cref="RequestLimits"/>). An upload in which no record could be read is a 422
    /// with the parser's errors, and stores nothing; one with some records and some errors imports the records and lists
    /// the errors.
    /// </summary>
    [WolverinePost("/api/reviews/{reviewId}/searches/{searchId}/imports", OperationId = "importRecords", Summary = "Import a search's export file (RIS, MEDLINE, BibTeX, EndNote XML, WoS or CSV) sent as the raw body."), Tags("Records"), RawUpload]
    [ProducesResponseType<ImportSummary>(200)]
    [ProducesResponseType<ProblemDetails>(422, "application/problem+json")]
    public static async Task<IResult> Post(Guid reviewId, Guid searchId, string? format, ClaimsPrincipal user, HttpContext http,
        IDocumentStore store, CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            var (review, problem) = await ReviewAccess.LoadAsync(query, reviewId, user, ct, Role.Lead);
            if (problem is not null) return problem.ToResult();
            if (review!.SearchOf(searchId) is not { } search) return Problems.NotFound("No such search in this review.").ToResult();
            if (search.Withdrawn) return Problems.Rule("search-withdrawn", "The search is withdrawn; record the search again to import its results.").ToResult();
        }

        BibFormat chosen;
        if (string.IsNullOrEmpty(format) || format == "auto") chosen = BibFormat.Auto;
        else if (!BibFormats.TryParse(format, out chosen))
            return Problems.Invalid($"Unknown format '{format}'; use auto, ris, medline, bibtex, endnote-xml, wos or csv.").ToResult();

        // The parsers read synchronously as the upload streams in, which Kestrel refuses unless this request allows it.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } bodyControl) bodyControl.AllowSynchronousIO = true;
        var body = new BufferedStream(http.Request.Body, 64 * 1024);
        var parsed = BibParser.Parse(body, chosen, ParserLimits.Default);
        var summary = await RecordImporter.ImportAsync(store, reviewId, searchId, parsed, Actor.From(user), CorrelationId.Of(http), ct);
        if (summary.Imported + summary.AlreadyPresent == 0) return NothingRead(chosen, summary.Errors);
        return Results.Ok(summary);
    }

    private static IResult NothingRead(BibFormat format, IReadOnlyList<ImportError> errors)
    {
        var named = format == BibFormat.Auto ? "any supported format" : format.Name();
        IReadOnlyList<ImportError> reported = errors.Count > 0 ? errors : [new ImportError(1, $"no record found when read as {named}")];
        return Results.Problem(
            $"No record could be read from the upload as {named}, so nothing was imported. The errors say where the parser stopped.",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to import",
            extensions: new Dictionary<string, object?> { ["imported"] = 0, ["errors"] = reported });
    }
}
