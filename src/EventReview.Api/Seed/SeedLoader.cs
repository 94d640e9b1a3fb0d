using System.Diagnostics;
using EventReview.Appraisal;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Prisma;
using EventReview.Records;
using EventReview.Deduplication;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using EventReview.Searches;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventReview.Seed;

/// <summary>What a load did: the seed review's id, whether it was already complete, and how many events it appended.</summary>
public sealed record SeedLoadResult(Guid ReviewId, bool AlreadyLoaded, int EventsAppended, TimeSpan Elapsed);

/// <summary>The seed review's members, with the fixed ids API.md gives them. No vote is attributed to a named author.</summary>
public static class SeedMembers
{
    public static Actor Lead { get; } = new("seed-lead", "Lead reviewer (seed)");
    public static Actor Screener1 { get; } = new("seed-screener-1", "Screener 1 (seed)");
    public static Actor Screener2 { get; } = new("seed-screener-2", "Screener 2 (seed)");
    public static Actor Resolver { get; } = new("seed-resolver", "Third reviewer (seed)");

    /// <summary>The members after the lead, who joins on creating the review, in the order they are added.</summary>
    public static IReadOnlyList<(Actor Member, Role[] Roles, string Note)> All { get; } =
    [
        (Lead, [Role.Lead, Role.Auditor], "Lead and auditor of the seed review"),
        (Screener1, [Role.Screener, Role.Appraiser], "First of the two independent screeners; also appraises"),
        (Screener2, [Role.Screener, Role.Appraiser], "Second of the two independent screeners; also appraises"),
        (Resolver, [Role.Resolver], "The paper's third independent reviewer, consulted when the screeners disagree"),
    ];
}

/// <summary>
/// Loads the seed review (<see cref="SeedPaper"/>, reconstructed by <see cref="SeedPlan"/>) through the product's
/// own paths: the record importer, then the pure screening, retrieval and appraisal rules, each decision appended
/// as its member's event. Every step skips what is already done, so a load that stopped halfway completes when
/// run again; the reported flow, appended last, marks the load complete.
/// </summary>
public static class SeedLoader
{
    public const string CorrelationId = "seed-load-amin-2025";

    public static async Task<SeedLoadResult> LoadAsync(IDocumentStore store, ILogger? logger, CancellationToken ct)
    {
        logger ??= NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        var reviewId = SeedPaper.ReviewId;
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<Review>(reviewId, ct) is { ReportedFlow: not null })
                return new SeedLoadResult(reviewId, true, 0, clock.Elapsed);
        }

        var appended = await ApplyStepsAsync(store, ct);
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Loaded the seed review {ReviewId}: {Events} events appended in {Elapsed} ms", reviewId, appended, clock.ElapsedMilliseconds);
        return new SeedLoadResult(reviewId, false, appended, clock.Elapsed);
    }

    /// <summary>Every step of the load, each skipping what is already done; returns the number of events appended.</summary>
    internal static async Task<int> ApplyStepsAsync(IDocumentStore store, CancellationToken ct)
    {
        var steps = new RecordSteps(store, SeedPaper.ReviewId, CorrelationId);
        await StartReviewAsync(steps, ct);
        var imported = await ImportAsync(store, ct);
        var records = await RecordsAsync(store, ct);
        await DecideAsync(steps, records, ct);
        await EnterReportedFlowAsync(steps, ct);
        return imported + steps.EventsAppended;
    }

    /// <summary>
    /// The review stream as the lead sets it up (protocol, members, stages, reasons, scoring and searches), each
    /// step decided by its command's own decision on the review as the steps before it left it.
    /// </summary>
    public static IReadOnlyList<object> ReviewSetup()
    {
        var id = SeedPaper.ReviewId;
        var lead = SeedMembers.Lead;
        var create = new CreateReview(SeedPaper.Title, SeedPaper.Question, SeedPaper.EligibilityCriteria);
        Ensure("the review", CreateReviewEndpoint.Validate(create));
        var events = new List<object>(CreateReviewEndpoint.Decide(id, create, lead));
        var review = events.Skip(1).Aggregate(ReviewFold.Created((ReviewCreated)events[0]), ReviewFold.Apply);
        var settings = AppraisalSettings.For(id, null);

        void Step(string what, RuleOutcome outcome)
        {
            if (outcome.Refused is { } refused) throw new SeedLoadException($"The seed's {what} was refused: {refused}");
            events.AddRange(outcome.Events);
            review = outcome.Events.Aggregate(review, ReviewFold.Apply);
        }

        foreach (var (member, roles, note) in SeedMembers.All)
        {
            var command = new AddMember(member.Id, member.Name, roles, note);
            Ensure($"member {member.Id}", AddMemberEndpoint.Validate(command));
            Step($"member {member.Id}", AddMemberEndpoint.Decide(review, command, lead));
        }

        Step("title-abstract stage", ConfigureStageEndpoint.Decide(review, Stage.TitleAbstract, new ConfigureStage(2, Blinded: true, ReasonRequiredOnExclude: false), lead));
        Step("full-text stage", ConfigureStageEndpoint.Decide(review, Stage.FullText, new ConfigureStage(2, Blinded: true, ReasonRequiredOnExclude: true), lead));
        foreach (var (code, label, _) in SeedPaper.FullTextReasons)
        {
            var command = new AddExclusionReason(code, label, Stage.FullText);
            Ensure($"reason {code}", AddExclusionReasonEndpoint.Validate(command));
            Step($"reason {code}", AddExclusionReasonEndpoint.Decide(review, command, lead));
        }

        // The paper's rule, stated on the review rather than left to the instruments' defaults: it sums points (RoB 1
        // included) and excludes below 70%, neither of which an instrument does by default.
        foreach (var instrument in new[] { Rob1.Instrument, JbiQuasiExperimental.Instrument, Amstar2.Instrument, Sanra2.Instrument })
        {
            var rule = ScoringRule.Seed(instrument.Ratings);
            var command = new ConfigureAppraisalScoring(rule.Points, rule.ThresholdPercent, rule.NotApplicable, rule.SomeConcernsDomainsForHigh,
                rule.NonCriticalWeaknessesForLow, ExcludeOnQuality: true);
            Ensure($"scoring of {instrument.Id}", ConfigureAppraisalScoringEndpoint.Validate(command));
            Step($"scoring of {instrument.Id}", ConfigureAppraisalScoringEndpoint.Decide(review, settings, instrument.Id, command, lead));
        }

        foreach (var s in SeedPaper.Searches)
        {
            var command = new AddSearch(s.Source, s.Kind, null, s.Query, SeedPaper.SearchedOn, s.Filters, s.ReportedCount);
            Ensure($"search {s.Source}", AddSearchEndpoint.Validate(command));
            Step($"search {s.Source}", AddSearchEndpoint.Decide(review, s.Id, command, lead, SearchRules.Latest(DateTimeOffset.UtcNow)));
        }
        return events;
    }

    private static async Task StartReviewAsync(RecordSteps steps, CancellationToken ct)
    {
        await using var session = steps.OpenSession();
        if (await session.Events.FetchStreamStateAsync(SeedPaper.ReviewId, ct) is not null) return;
        session.Events.StartStream<Review>(SeedPaper.ReviewId, [.. ReviewSetup()]);
        await steps.SaveAsync(session, ct);
    }

    /// <summary>Each search's records as one RIS upload through the importer; a repeated upload imports nothing twice.</summary>
    private static async Task<int> ImportAsync(IDocumentStore store, CancellationToken ct)
    {
        var imported = 0;
        foreach (var search in SeedPaper.Searches)
        {
            var ris = string.Concat(SeedPlan.Records.Where(r => r.Search == search).Select(r => r.Ris()));
            var summary = await RecordImporter.ImportAsync(store, SeedPaper.ReviewId, search.Id,
                BibParser.Parse(new StringReader(ris), BibFormat.Ris), SeedMembers.Lead, CorrelationId, ct);
            if (summary.Errors.Count > 0)
                throw new SeedLoadException($"The seed records of {search.Source} did not parse: line {summary.Errors[0].Line}: {summary.Errors[0].Message}");
            imported += summary.Imported;
        }
        return imported;
    }

    /// <summary>The imported records by plan key (the RIS accession number "seed-KEY").</summary>
    private static async Task<Dictionary<string, RecordState>> RecordsAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var records = await query.Query<RecordState>().Where(r => r.ReviewId == SeedPaper.ReviewId).ToListAsync(ct);
        var bibliography = await RecordBibliography.LoadAsync(query, records.Select(r => r.Id), ct);
        var byKey = records.Where(r => bibliography[r.Id].SourceRecordId?.StartsWith("seed-", StringComparison.Ordinal) == true)
            .ToDictionary(r => bibliography[r.Id].SourceRecordId!["seed-".Length..]);
        if (byKey.Count != SeedPlan.Records.Count || SeedPlan.Records.Any(p => !byKey.ContainsKey(p.Key)))
            throw new SeedLoadException($"The seed review holds {byKey.Count} seed records; the plan has {SeedPlan.Records.Count}.");
        return byKey;
    }

    private static async Task DecideAsync(RecordSteps steps, Dictionary<string, RecordState> records, CancellationToken ct)
    {
        var plan = SeedPlan.Records.ToDictionary(r => records[r.Key].Id);
        IEnumerable<Guid> Planned(Func<PlannedRecord, bool> predicate) => plan.Where(p => predicate(p.Value)).Select(p => p.Key);
        var lead = SeedMembers.Lead;

        await steps.ApplyAsync("Marking a duplicate", Planned(p => p.Fate == SeedFate.Duplicate), (review, record) =>
        {
            if (record.DuplicateOf is not null) return null;
            var kept = records[plan[record.Id].DuplicateOfKey!];
            return MarkDuplicateEndpoint.Decide(review, record, kept, new MarkDuplicate(kept.Id, Notes.Duplicate), lead);
        }, ct);

        await steps.ApplyAsync("Removing a record", Planned(p => p.Fate is SeedFate.RemovedByAutomation or SeedFate.RemovedOther), (review, record) =>
            record.Removal is not null ? null
                : plan[record.Id].Fate == SeedFate.RemovedByAutomation
                    ? RemoveRecordEndpoint.Decide(review, record, new RemoveRecord(RemovalReason.Automation, Notes.Automation), lead)
                    : RemoveRecordEndpoint.Decide(review, record, new RemoveRecord(RemovalReason.Other, Notes.Other), lead), ct);

        var screened = Planned(p => p.Screened).ToList();
        await VoteAsync(steps, "A title-abstract vote", Stage.TitleAbstract, screened, SeedMembers.Screener1, p => p.Screener1TitleAbstract!, plan, ct);
        await VoteAsync(steps, "A title-abstract vote", Stage.TitleAbstract, screened, SeedMembers.Screener2, p => p.Screener2TitleAbstract!, plan, ct);
        await ResolveAsync(steps, Stage.TitleAbstract, screened, p => new PlannedVote(p.TitleAbstractOutcome), plan, ct);

        await steps.ApplyAsync("Recording retrieval", Planned(p => p.SoughtForRetrieval), (review, record) =>
            record.Retrieved is not null ? null
                : ReportRetrievalEndpoint.Decide(review, record,
                    plan[record.Id].Fate == SeedFate.NotRetrieved ? new ReportRetrieval(false, Notes.NotRetrieved) : new ReportRetrieval(true, null), lead), ct);

        await AppraiseAsync(steps, Planned(p => !p.Reconstructed).ToList(), plan, ct);

        var assessed = Planned(p => p.Assessed).ToList();
        await VoteAsync(steps, "A full-text vote", Stage.FullText, assessed, SeedMembers.Screener1, p => p.Screener1FullText!, plan, ct);
        await VoteAsync(steps, "A full-text vote", Stage.FullText, assessed, SeedMembers.Screener2, p => p.Screener2FullText!, plan, ct);
        await ResolveAsync(steps, Stage.FullText, assessed, p => p.FullTextOutcome, plan, ct);
    }

    private static Task VoteAsync(RecordSteps steps, string step, Stage stage, IEnumerable<Guid> ids, Actor screener,
        Func<PlannedRecord, PlannedVote> vote, Dictionary<Guid, PlannedRecord> plan, CancellationToken ct) =>
        steps.ApplyAsync(step, ids, (review, record) =>
        {
            var progress = record.Progress(stage);
            if (progress.IsDecided || progress.CurrentVoteOf(screener.Id) is not null) return null;
            var planned = plan[record.Id];
            var v = vote(planned);
            return CastVoteEndpoint.Decide(review, record, new CastVote(stage, v.Decision, v.ReasonCode, Notes.Vote(planned, stage, v)), screener);
        }, ct);

    private static Task ResolveAsync(RecordSteps steps, Stage stage, IEnumerable<Guid> ids, Func<PlannedRecord, PlannedVote> outcome,
        Dictionary<Guid, PlannedRecord> plan, CancellationToken ct) =>
        steps.ApplyAsync("A resolution", ids, (review, record) =>
        {
            var progress = record.Progress(stage);
            if (progress.IsDecided || !progress.InConflict) return null;
            var decided = outcome(plan[record.Id]);
            return ResolveConflictEndpoint.Decide(review, record, new ResolveConflict(stage, decided.Decision, decided.ReasonCode, Notes.Resolution), SeedMembers.Resolver);
        }, ct);

    /// <summary>Tables 3 to 6 entered for the included studies by one appraiser; the paper does not say who appraised.</summary>
    private static async Task AppraiseAsync(RecordSteps steps, IReadOnlyList<Guid> ids, Dictionary<Guid, PlannedRecord> plan, CancellationToken ct)
    {
        await using var session = steps.OpenSession();
        var review = await session.LoadAsync<Review>(SeedPaper.ReviewId, ct) ?? throw new SeedLoadException("The seed review vanished.");
        var settings = AppraisalSettings.For(review.Id, await session.LoadAsync<AppraisalSettings>(review.Id, ct));
        var appraisals = (await session.LoadManyAsync<RecordAppraisal>(ct, ids)).ToDictionary(a => a.Id);
        foreach (var record in await session.LoadManyAsync<RecordState>(ct, ids))
        {
            var study = plan[record.Id].Study!;
            var published = SeedAppraisals.All.Single(a => a.Reference == study.Reference);
            var command = new RateAppraisal(published.InstrumentId, published.Ratings, Notes.Appraisal(published), null);
            var ratings = appraisals.GetValueOrDefault(record.Id) ?? RecordAppraisal.Empty(review.Id, record.Id);
            var outcome = RateAppraisalEndpoint.Decide(review, record, (ratings, settings), command, SeedMembers.Screener1);
            // The paper includes all eight; an automatic exclusion here would contradict it (see Petrou in docs/seed-review.md).
            if (outcome.Events.OfType<ScreeningDecided>().Any())
                throw new SeedLoadException($"The published ratings of {published.Study} would exclude it on quality; the paper includes it.");
            steps.Append(session, "Appraising", record, outcome);
        }
        await steps.SaveAsync(session, ct);
    }

    private static async Task EnterReportedFlowAsync(RecordSteps steps, CancellationToken ct)
    {
        var command = new EnterReportedFlow(SeedPaper.ReportedFlowSource, SeedPaper.ReportedFlow);
        Ensure("reported flow", EnterReportedFlowEndpoint.Validate(command));
        await using var session = steps.OpenSession();
        var review = await session.Events.FetchForWriting<Review>(SeedPaper.ReviewId, ct);
        if (review.Aggregate?.ReportedFlow is not null) return;
        var outcome = EnterReportedFlowEndpoint.Decide(review.Aggregate!, command, SeedMembers.Lead);
        if (outcome.Refused is { } refused) throw new SeedLoadException($"The seed's reported flow was refused: {refused}");
        review.AppendMany(outcome.Events);
        await steps.SaveAsync(session, ct);
    }

    private static void Ensure(string what, ProblemDetails problem)
    {
        if (!ReferenceEquals(problem, Problems.None)) throw new SeedLoadException($"The seed's {what} is invalid: {problem.Detail}");
    }

    /// <summary>What each scripted decision says about itself, so a reader of a trail knows what is reconstructed.</summary>
    private static class Notes
    {
        public const string Duplicate =
            "Duplicate removed before screening; the paper removed 14 duplicates with EndNote and Excel but does not identify them (reconstructed).";

        public const string Automation =
            "Marked ineligible by an automation tool: the paper removed six records this way and names neither the tool nor the records (reconstructed).";

        public const string Other =
            "Removed for other reasons: the paper removed four records this way and gives neither the reasons nor the records (reconstructed).";

        public const string NotRetrieved =
            "Full text not retrieved: the paper reports 11 reports not retrieved and does not identify them (reconstructed).";

        public const string Resolution =
            "Resolved by the third reviewer: the paper resolves disagreements by discussion, then by a third independent reviewer. "
            + "Which records the screeners disagreed on is reconstructed.";

        public static string? Vote(PlannedRecord record, Stage stage, PlannedVote vote)
        {
            if (stage != Stage.FullText || vote.Decision != Decision.Exclude)
                return record.Study?.Reference == 20 && stage == Stage.FullText
                    ? "Included as the paper reports. Under the paper's own rule its RoB rating (Table 4: 3 low-risk domains of 7, 42.9%) is below 70%; see the appraisal table."
                    : null;
            return vote.ReasonCode == "quality-below-threshold"
                ? "Quality score below 70%, as the paper reports for six studies; it publishes no ratings for them, so none are recorded here."
                : null;
        }

        public static string Appraisal(SeedAppraisal published) =>
            $"Published ratings: {published.RatingsSource} of {SeedPaper.ShortCitation}"
            + (published.PrintedTotal is null ? "" : $"; printed total {published.PrintedTotal}")
            + $"; verdict {published.PrintedVerdict} ({published.VerdictSource})."
            + (published.InstrumentId == Rob1.Id ? " Table 4 rates five of the tool's seven domains; the other two stay unrated." : "");
    }
}
