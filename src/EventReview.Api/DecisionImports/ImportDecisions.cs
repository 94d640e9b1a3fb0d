using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EventReview.DecisionImports;

/// <summary>
/// A new review made from a decision export: what it holds, and every rule the source did not enforce. <c>Resumed</c>:
/// an earlier upload of the file stopped part way, and this one stored what it had left out and completed the import.
/// </summary>
public sealed record DecisionImportCreated(Guid ReviewId, int Records, int Members, int Votes,
    IReadOnlyDictionary<string, StageSummary> Stages, IReadOnlyList<string> Discrepancies, bool Resumed = false);

/// <summary>The caller imported this file before: the review it made, unchanged.</summary>
public sealed record DecisionImportRepeated(Guid ReviewId, bool AlreadyImported, string Detail);

public static class ImportDecisionsEndpoint
{
    /// <summary>
    /// The body is a Rayyan export zip or an ASReview project file (or labelled dataset CSV). It creates a review whose
    /// lead is the caller: 201 with what was imported, or 200 with the same review when the caller imported this file
    /// before. An upload that stopped part way (a crash, a lost connection) leaves the review marked incomplete; the same
    /// file again finishes it (201, resumed). Two uploads of one file at once: the later is a 409. A file that cannot be read whole (a broken zip, an unknown layout, a row naming an unknown record) is a 422
    /// with the lines that say why, and nothing is stored.
    /// </summary>
    [WolverinePost("/api/decision-imports", OperationId = "importDecisions",
        Summary = "Create a review from a Rayyan or ASReview export of screening decisions, sent as the raw body."), Tags("Records")]
    [RawUpload(UploadKind.DecisionExport)]
    [ProducesResponseType<DecisionImportCreated>(201)]
    [ProducesResponseType<DecisionImportRepeated>(200)]
    [ProducesResponseType<ProblemDetails>(409, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(422, "application/problem+json")]
    public static async Task<IResult> Post(string? format, ClaimsPrincipal user, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        if (!Enum.TryParse<DecisionFormat>(format, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen) || format!.Any(char.IsDigit))
            return Problems.Invalid($"Unknown format '{format}'; use rayyan or asreview.").ToResult();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0) return Unreadable([new Records.ImportError(1, "the upload is empty")]);
        try
        {
            var summary = await DecisionImporter.ImportAsync(store, chosen, buffer.ToArray(), $"{chosen.ToString().ToLowerInvariant()} upload",
                Actor.From(user), CorrelationId.Of(http), null, ct);
            if (summary.AlreadyImported)
                return Results.Ok(new DecisionImportRepeated(summary.ReviewId, true, "You imported this file before; nothing changed."));
            return Results.Created($"/api/reviews/{summary.ReviewId}", new DecisionImportCreated(
                summary.ReviewId, summary.Records, summary.Members, summary.Votes, summary.Stages, summary.Discrepancies, summary.Resumed));
        }
        catch (DecisionSourceException e)
        {
            return Unreadable(e.Errors);
        }
        catch (Exception e) when (ExceptionProblems.Classify(e).Status == 409 || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            var reviewId = DecisionImporter.ReviewIdFor(buffer.ToArray(), Actor.From(user).Id);
            return Problems.Rule("decision-import-in-progress",
                $"Another upload of this file is importing it into review {reviewId} right now; post the file again once that one has finished.").ToResult();
        }
    }

    private static IResult Unreadable(IReadOnlyList<Records.ImportError> errors) => Results.Problem(
        "The file could not be read as a whole, so nothing was imported. The errors say where.",
        statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to import",
        extensions: new Dictionary<string, object?> { ["rule"] = "decision-file-unreadable", ["errors"] = errors });
}
