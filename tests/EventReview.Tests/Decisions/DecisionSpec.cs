using System.Text.Json;
using EventReview.Appraisal;
using EventReview.Hosting;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using JasperFx.Events;
using Shouldly;

namespace EventReview.Tests.Decisions;

/// <summary>
/// Given/When/Then for a pure decision: the GIVEN events are folded by the application's own folds, the WHEN calls the
/// command's real Decide on what they fold to, and the THEN compares the events it appends, whole, or its refusal.
/// </summary>
public static class DecisionSpec
{
    /// <summary>The review's history, oldest first. An <c>object[]</c> among the events stands for the events it holds.</summary>
    public static GivenHistory Given(params object[] history) =>
        new([.. history.SelectMany(e => e is object[] many ? many : [e])]);
}

public sealed class GivenHistory(IReadOnlyList<object> events)
{
    public DecisionOutcome When(Func<FoldedHistory, RuleOutcome> decide) => new(decide(FoldedHistory.Of(events)));

    /// <summary>For a decision that cannot refuse and returns its events alone.</summary>
    public DecisionOutcome When(Func<FoldedHistory, object[]> decide) => new(RuleOutcome.Append(decide(FoldedHistory.Of(events))));
}

public sealed class DecisionOutcome(RuleOutcome outcome)
{
    /// <summary>
    /// The decision appends exactly these events, in this order. Events compare as they are stored (the application's
    /// JSON), so lists and dictionaries inside an event compare by content.
    /// </summary>
    public void Then(params object[] expected)
    {
        outcome.Refused.ShouldBeNull();
        Stored(outcome.Events).ShouldBe(Stored(expected));
    }

    /// <summary>The decision refuses with this kind and names this rule (a broken rule always has one, other refusals none).</summary>
    public void ThenRefused(RefusalKind kind, string? rule = null)
    {
        var refused = outcome.Refused.ShouldNotBeNull($"expected a refusal, got {Stored(outcome.Events)}");
        (refused.Kind, refused.Rule).ShouldBe((kind, rule), refused.ToString());
        outcome.Events.ShouldBeEmpty();
    }

    /// <summary>The command is refused as invalid, and the refusal names what the client has to put right.</summary>
    public void ThenInvalid(string naming)
    {
        ThenRefused(RefusalKind.Invalid);
        outcome.Refused!.Detail.ShouldContain(naming, Case.Sensitive);
    }

    private static string Stored(IEnumerable<object> events) =>
        string.Join("\n", events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType(), EventReviewJson.Options)}"));
}

/// <summary>
/// A history folded onto its streams: review events onto the review (and the appraisal events among them onto the
/// review's appraisal settings), record events onto their record (and ratings onto the record's appraisal), each event
/// one minute after the one before.
/// </summary>
public sealed class FoldedHistory
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Review? review;
    private readonly AppraisalSettings? settings;
    private readonly Dictionary<Guid, RecordState> records;
    private readonly Dictionary<Guid, RecordAppraisal> appraisals;

    private FoldedHistory(Review? review, AppraisalSettings? settings, Dictionary<Guid, RecordState> records,
        Dictionary<Guid, RecordAppraisal> appraisals)
    {
        this.review = review;
        this.settings = settings;
        this.records = records;
        this.appraisals = appraisals;
    }

    public Review Review => review ?? throw new InvalidOperationException("The history has no ReviewCreated.");

    /// <summary>The settings as the appraisal commands read them: the defaults when nothing was configured.</summary>
    public AppraisalSettings AppraisalSettings => AppraisalSettings.For(Review.Id, settings);

    public RecordState Record(Guid id) =>
        records.GetValueOrDefault(id) ?? throw new InvalidOperationException($"The history imports no record {id}.");

    /// <summary>A record the command names, which may not exist.</summary>
    public RecordState? RecordIfAny(Guid id) => records.GetValueOrDefault(id);

    /// <summary>Every record of the review, in import order.</summary>
    public IReadOnlyList<RecordState> Records => [.. records.Values.OrderBy(r => r.ImportOrder, StringComparer.Ordinal)];

    /// <summary>What RateAppraisal reads besides the record: its ratings so far and the review's settings.</summary>
    public (RecordAppraisal Ratings, AppraisalSettings Settings) Appraisal(Guid recordId) =>
        (appraisals.GetValueOrDefault(recordId) ?? RecordAppraisal.Empty(Review.Id, recordId), AppraisalSettings);

    public static FoldedHistory Of(IReadOnlyList<object> events)
    {
        Review? review = null;
        AppraisalSettings? settings = null;
        var records = new Dictionary<Guid, RecordState>();
        var appraisals = new Dictionary<Guid, RecordAppraisal>();
        for (var i = 0; i < events.Count; i++)
        {
            var data = events[i];
            var at = Start.AddMinutes(i);
            switch (data)
            {
                case IRecordEvent e:
                    var record = records.GetValueOrDefault(e.RecordId);
                    records[e.RecordId] = RecordFold.Apply(record, Stored(data, e.RecordId, (record?.Version ?? 0) + 1, at))
                        ?? throw new InvalidOperationException($"Record {e.RecordId}'s stream starts with RecordImported, not {data.GetType().Name}.");
                    if (data is AppraisalItemRated)
                    {
                        appraisals[e.RecordId] = (appraisals.GetValueOrDefault(e.RecordId) ?? new RecordAppraisal())
                            .Apply((IEvent<AppraisalItemRated>)Stored(data, e.RecordId, records[e.RecordId].Version, at));
                    }
                    break;
                case IReviewEvent e:
                    review = ReviewFold.Apply(review, Stored(data, e.ReviewId, (review?.Version ?? 0) + 1, at))
                        ?? throw new InvalidOperationException($"The review's stream starts with ReviewCreated, not {data.GetType().Name}.");
                    settings = data switch
                    {
                        AppraisalSettingsConfigured x => (settings ?? new AppraisalSettings()).Apply(x),
                        AppraisalScoringConfigured x => (settings ?? new AppraisalSettings()).Apply(x),
                        CustomInstrumentAdded x => (settings ?? new AppraisalSettings()).Apply(x),
                        _ => settings,
                    };
                    break;
                default:
                    throw new ArgumentException($"{data.GetType().Name} is no event of a review's or a record's stream.");
            }
        }
        return new FoldedHistory(review, settings, records, appraisals);
    }

    /// <summary>The event as the store hands it to a fold: its data with its stream, version and time.</summary>
    private static IEvent Stored(object data, Guid streamId, long version, DateTimeOffset at)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.StreamId = streamId;
        e.Version = version;
        e.Timestamp = at;
        return e;
    }
}
