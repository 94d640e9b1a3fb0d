using System.Security.Claims;
using EventReview.Appraisal;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Prisma;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Agreement;

/// <summary>
/// Inter-rater agreement at a stage, from each reviewer's first independent vote per record (revisions and
/// resolutions do not count). The votes are kept per record by the record projection; the statistics are computed
/// at read time, so they are exact after any rebuild.
/// </summary>
public static class GetAgreementEndpoint
{
    /// <summary>
    /// Agreement at a screening stage, from each reviewer's first independent vote of the first round, or with
    /// `round=latest` of the latest round (after a reopening); or, with `instrument`, between appraisers on that
    /// instrument's items (each appraiser's first rating of each item of each record).
    /// </summary>
    [WolverineGet("/api/reviews/{reviewId}/agreement", OperationId = "getAgreement", Summary = "Inter-rater agreement (kappa and friends) for screening or appraisal."), Tags("Agreement")]
    [ProducesResponseType<AgreementReport>(200)]
    [ProducesResponseType<ProblemDetails>(403, "application/problem+json")]
    public static async Task<IResult> Get(Guid reviewId, string? stage, string? instrument, string? weights, string? categories, string? level,
        string? round, DateTimeOffset? asOf, long? sequence, ClaimsPrincipal user, IQuerySession session, Npgsql.NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (round is not (null or "first" or "latest")) return Problems.Invalid($"Unknown round '{round}'; use first or latest.").ToResult();
        var latest = round == "latest";
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (problem is not null) return problem.ToResult();
        var parsedStage = Stage.TitleAbstract;
        if (stage is not null && !StageNames.TryParse(stage, out parsedStage)) return Problems.Invalid(StageNames.Unknown(stage)).ToResult();

        var viewer = Actor.From(user).Id;
        if (instrument is not null && !Blinding.SeesEverything(review!, viewer))
            return Problems.Forbidden("Appraisal agreement shows every appraiser's ratings: leads, auditors and resolvers only.").ToResult();
        try
        {
            var options = AgreementOptions.Parse(weights, categories, level);
            if (instrument is not null)
                return Results.Ok(AgreementCalculator.Compute(await FirstAppraisalRatingsAsync(session, reviewId, instrument, asOf, sequence, ct), options));

            IReadOnlyList<(string Pattern, long Count)> tallies;
            if (asOf is null && sequence is null && !latest) tallies = await LiveFirstVotesAsync(db, review!, viewer, parsedStage, ct);
            else
            {
                var (past, records) = await PrismaQueries.AsOfAsync(session, reviewId, asOf, sequence, ct);
                if (past is null) return Problems.NotFound("The review did not exist yet at that point.").ToResult();
                tallies = FirstVotes(review!, viewer, records, parsedStage, latest);
            }
            return Results.Ok(AgreementCalculator.Compute(Table(tallies, options.Categories), options));
        }
        catch (AgreementInputException ex)
        {
            // Options that do not parse, or ratings outside the categories the caller listed.
            return Problems.Invalid(ex.Message).ToResult();
        }
    }

    private static async Task<IReadOnlyList<Rating>> FirstAppraisalRatingsAsync(IQuerySession session, Guid reviewId, string instrument,
        DateTimeOffset? asOf, long? sequence, CancellationToken ct)
    {
        var events = await ReviewEventQuery.LoadAsync(session, reviewId, ct, asOf, sequence);
        return FirstAppraisalRatings(events.Select(e => e.Data).OfType<AppraisalItemRated>(), instrument);
    }

    /// <summary>Each appraiser's first rating of each item (consensus ratings are not independent and do not count).</summary>
    public static IReadOnlyList<Rating> FirstAppraisalRatings(IEnumerable<AppraisalItemRated> ratingsInOrder, string instrument) =>
        ratingsInOrder
            .Where(r => r.Instrument == instrument && !r.Consensus)
            .DistinctBy(r => (r.RecordId, r.ItemId, r.By.Id))
            .Select(r => new Rating($"{r.RecordId:D}/{r.ItemId}", r.By.Id, r.Rating))
            .OrderBy(r => r.Item, StringComparer.Ordinal).ThenBy(r => r.Rater, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The live first votes, tallied by pattern in PostgreSQL (one indexed group-by, whatever the review's size). A
    /// blinded screener only gets records decided at the stage.
    /// </summary>
    private static async Task<IReadOnlyList<(string Pattern, long Count)>> LiveFirstVotesAsync(Npgsql.NpgsqlDataSource db, Review review,
        string viewer, Stage stage, CancellationToken ct)
    {
        var column = stage == Stage.TitleAbstract ? "title_abstract_pattern" : "full_text_pattern";
        string[] undecided = stage == Stage.TitleAbstract
            ? [RecordStatus.AwaitingTitleAbstract, RecordStatus.TitleAbstractConflict]
            : [RecordStatus.AwaitingRetrieval, RecordStatus.NotRetrieved, RecordStatus.AwaitingFullText, RecordStatus.FullTextConflict];
        var blinded = !Blinding.MaySee(review, viewer, new RecordState(), stage, authorId: null);
        await using var command = db.CreateCommand(
            $"select {column}, count(*) from {EventStoreSetup.Schema}.mt_doc_recordstate " +
            $"where review_id = $1 and {column} <> '{VotePattern.None}' and not ($2 and status = any($3)) group by 1 order by 1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = review.Id });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = blinded });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = undecided });
        var tallies = new List<(string Pattern, long Count)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tallies.Add((reader.GetString(0), reader.GetInt64(1)));
        return tallies;
    }

    /// <summary>
    /// The rating table of pattern tallies: each pattern's first votes once per record that has it, patterns in a fixed
    /// order, so floating-point sums (and every figure) are identical whether the votes came from the live documents,
    /// a fold of past events, or another database.
    /// </summary>
    public static RatingTable Table(IEnumerable<(string Pattern, long Count)> tallies, IReadOnlyList<string>? categories) =>
        RatingTable.FromGroups([.. tallies.OrderBy(t => t.Pattern, StringComparer.Ordinal).Select(t => (VotePattern.Parse(t.Pattern), t.Count))],
            categories);

    /// <summary>
    /// Each reviewer's first vote per record, tallied by pattern. A blinded screener only gets records already decided
    /// at the stage, where every vote is visible anyway.
    /// </summary>
    public static IReadOnlyList<(string Pattern, long Count)> FirstVotes(Review review, string viewerId, IEnumerable<RecordState> records, Stage stage,
        bool latestRound = false) =>
        [.. records
            .Where(r => Blinding.MaySee(review, viewerId, r, stage, authorId: null))
            .Select(r => latestRound ? VotePattern.Of(r.Progress(stage).LatestRoundFirstVotes) : VotePattern.Of(r.Progress(stage)))
            .Where(p => p != VotePattern.None)
            .GroupBy(p => p)
            .Select(g => (g.Key, (long)g.Count()))];
}
