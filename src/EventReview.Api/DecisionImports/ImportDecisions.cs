using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace EventReview.DecisionImports;

public static class ImportDecisionsEndpoint
{
    /// <summary>
    /// The body is a Rayyan export zip or an ASReview project file (or labelled dataset CSV). It creates a review whose
    /// lead is the caller: 201 with what was imported, or 200 with the same review when the caller imported this file
    /// before. A file that cannot be read whole (a broken zip, an unknown layout, a row naming an unknown record) is a 422
    /// with the lines that say why, and nothing is stored.
    /// </summary>
    [WolverinePost("/api/decision-imports"), Tags("Records"), RawUpload]
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
                Actor.From(user), CorrelationId.Of(http), ct);
            if (summary.AlreadyImported)
                return Results.Ok(new { reviewId = summary.ReviewId, alreadyImported = true, detail = "You imported this file before; nothing changed." });
            return Results.Created($"/api/reviews/{summary.ReviewId}", new
            {
                reviewId = summary.ReviewId, records = summary.Records, members = summary.Members, votes = summary.Votes,
                stages = summary.Stages, discrepancies = summary.Discrepancies,
            });
        }
        catch (DecisionSourceException e)
        {
            return Unreadable(e.Errors);
        }
    }

    private static IResult Unreadable(IReadOnlyList<Records.ImportError> errors) => Results.Problem(
        "The file could not be read as a whole, so nothing was imported. The errors say where.",
        statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to import",
        extensions: new Dictionary<string, object?> { ["rule"] = "decision-file-unreadable", ["errors"] = errors });
}
