using System.Globalization;
using System.Text;
using EventReview.Hosting;
using EventReview.Records;
using EventReview.Records.Parsing;
using EventReview.Reviews;

namespace EventReview.Screening;

/// <summary>
/// The decision table: one row per record with each reviewer's first and last vote and reason at each stage, the
/// conflict, the resolution and the outcome, and the record's final decision: what a team otherwise builds by hand
/// from two reviewers' spreadsheets. Each stage is read through <see cref="Blinding.View"/>, so a blinded screener
/// gets exactly what the record list shows them: their own votes, and everyone's once the record is decided there.
/// Columns (docs/decision-table.md):
/// record_id, title, year, then for each stage (title_abstract, full_text) and each reviewer who voted
/// "STAGE.first.REVIEWER", "STAGE.first_reason.REVIEWER", "STAGE.last.REVIEWER", "STAGE.last_reason.REVIEWER",
/// then "STAGE.conflict" (yes or no), "STAGE.resolution" (the resolved decision), "STAGE.outcome",
/// "STAGE.outcome_reason", "STAGE.basis" (unanimous, resolution or appraisal); finally status and final_decision.
/// </summary>
public static class DecisionTable
{
    public const string Undecided = "undecided";

    private static readonly (Stage Stage, string Name)[] Stages = [(Stage.TitleAbstract, "title_abstract"), (Stage.FullText, "full_text")];

    /// <summary>The table as CSV; <paramref name="records"/> in the order the rows should take.</summary>
    public static string Write(Review review, string viewerId, IEnumerable<RecordState> records, IReadOnlyDictionary<Guid, BibRecord> bibliography)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(bibliography);
        var rows = records.Select(r => (Record: r, Stages: Stages.Select(s => Blinding.View(review, viewerId, r, s.Stage)).ToArray())).ToList();
        var reviewers = Reviewers(review, rows.SelectMany(r => r.Stages));

        var csv = new StringBuilder();
        csv.Append(CsvCell.Line(Header(reviewers))).Append('\n');
        foreach (var (record, stages) in rows)
        {
            var bib = bibliography.GetValueOrDefault(record.Id);
            var cells = new List<string?> { record.Id.ToString("D"), bib?.Title, bib?.Year?.ToString(CultureInfo.InvariantCulture) };
            for (var s = 0; s < Stages.Length; s++) cells.AddRange(StageCells(stages[s], reviewers));
            var status = Blinding.Status(review, viewerId, record);
            cells.Add(status);
            cells.Add(FinalDecision(status));
            csv.Append(CsvCell.Line(cells)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The decision a record ended with, from its status word; <see cref="Undecided"/> while screening goes on.</summary>
    public static string FinalDecision(string status) => status switch
    {
        RecordStatus.Included => "include",
        RecordStatus.ExcludedTitleAbstract or RecordStatus.ExcludedFullText => "exclude",
        RecordStatus.Duplicate or RecordStatus.Removed or RecordStatus.NotRetrieved => status,
        _ => Undecided,
    };

    private static IEnumerable<string> Header(IReadOnlyList<string> reviewers)
    {
        yield return "record_id";
        yield return "title";
        yield return "year";
        foreach (var (_, stage) in Stages)
        {
            foreach (var reviewer in reviewers)
            {
                foreach (var column in new[] { "first", "first_reason", "last", "last_reason" })
                    yield return $"{stage}.{column}.{reviewer}";
            }

            foreach (var column in new[] { "conflict", "resolution", "outcome", "outcome_reason", "basis" })
                yield return $"{stage}.{column}";
        }

        yield return "status";
        yield return "final_decision";
    }

    private static IEnumerable<string?> StageCells(StageProgress progress, IReadOnlyList<string> reviewers)
    {
        foreach (var reviewer in reviewers)
        {
            var first = progress.FirstVotes.FirstOrDefault(v => v.ReviewerId == reviewer);
            var last = progress.CurrentVoteOf(reviewer);
            yield return first is null ? null : EventReviewJson.Name(first.Decision);
            yield return first?.ReasonCode;
            yield return last is null ? null : EventReviewJson.Name(last.Decision);
            yield return last?.ReasonCode;
        }

        yield return progress.InConflict ? "yes" : "no";
        yield return progress.Basis == DecisionBasis.Resolution && progress.Outcome is { } resolved ? EventReviewJson.Name(resolved) : null;
        yield return progress.Outcome is { } outcome ? EventReviewJson.Name(outcome) : null;
        yield return progress.OutcomeReason;
        yield return progress.Basis is { } basis ? EventReviewJson.Name(basis) : null;
    }

    /// <summary>Everyone with a visible vote, members in the order they joined, then anyone no longer listed by id.</summary>
    private static List<string> Reviewers(Review review, IEnumerable<StageProgress> stages)
    {
        var voted = stages.SelectMany(p => p.FirstVotes.Concat(p.CurrentVotes)).Select(v => v.ReviewerId).ToHashSet(StringComparer.Ordinal);
        var members = review.Members.Select(m => m.UserId).Where(voted.Contains).ToList();
        return [.. members, .. voted.Except(members, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
