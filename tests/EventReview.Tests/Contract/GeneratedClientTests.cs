using System.Text;
using EventReview.Client;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Contract;

/// <summary>
/// The contract proved by a client nobody wrote by hand: NSwag's C# client, generated from the live /openapi/v1.json,
/// runs a review from creation to verification. A change to a route, a request or an answer that the document does
/// not carry, or carries differently, fails here; a change it carries fails the drift test until the client is
/// regenerated (EVENTREVIEW_UPDATE_CLIENT=1 writes tests/EventReview.Client/EventReviewClient.cs).
/// </summary>
public class GeneratedClientTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_committed_client_is_the_one_the_live_document_generates()
    {
        var json = await app.Host.Server.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var generated = await ClientCode.GenerateAsync(json);
        if (Environment.GetEnvironmentVariable("EVENTREVIEW_UPDATE_CLIENT") == "1")
            await File.WriteAllTextAsync(ClientCode.CommittedPath, generated, TestContext.Current.CancellationToken);

        var committed = (await File.ReadAllTextAsync(ClientCode.CommittedPath, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");
        var differs = committed.Split('\n').Zip(generated.Split('\n'), (c, g) => (c, g)).Select((pair, line) => (pair, line))
            .FirstOrDefault(x => x.pair.c != x.pair.g);
        (differs.pair.c, differs.pair.g).ShouldBe((null, null), $"line {differs.line + 1}: the contract changed; regenerate with EVENTREVIEW_UPDATE_CLIENT=1");
        committed.Length.ShouldBe(generated.Length, "the contract changed; regenerate with EVENTREVIEW_UPDATE_CLIENT=1");
    }

    [Fact]
    public async Task A_review_runs_from_creation_to_verification_through_the_generated_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (lead, s1, s2) = ("lead-" + suffix, "s1-" + suffix, "s2-" + suffix);
        var asLead = ClientFor(lead);

        var reviewId = (await asLead.CreateReviewAsync(new CreateReview { Title = "Client review " + suffix, Question = "Does it work?" }, ct)).Id;
        foreach (var (user, name) in new[] { (s1, "Screener One"), (s2, "Screener Two") })
            (await asLead.SetMemberRolesAsync(reviewId, new AddMember { UserId = user, Name = name, Roles = [Role.Screener] }, ct)).Roles.ShouldBe([Role.Screener]);
        await asLead.AddExclusionReasonAsync(reviewId, new AddExclusionReason { Code = "wrong-population", Label = "Wrong population", Stage = Stage.TitleAbstract }, ct);
        var searchId = (await asLead.AddSearchAsync(reviewId, new AddSearch
        {
            Source = "PubMed", Kind = SearchKind.Database, Query = "(stem cells) AND adults", SearchedOn = new DateTimeOffset(2025, 3, 24, 0, 0, 0, TimeSpan.Zero), ReportedCount = 2,
        }, ct)).Id;
        (await asLead.ListSearchesAsync(reviewId, ct)).Select(s => s.Id).ShouldBe([searchId]);

        using var file = new MemoryStream(Encoding.UTF8.GetBytes(ReviewScenario.Ris(2, "Client")));
        // NSwag numbers same-named enums in document order: the decision import's Format comes first.
        var imported = await asLead.ImportRecordsAsync(reviewId, searchId, ImportFormat.Ris, new FileParameter(file, "pubmed.ris", "text/plain"), ct);
        imported.Imported.ShouldBe(2);
        var (agreed, disputed) = (imported.RecordIds!.First(), imported.RecordIds!.Last());

        // One record both screeners include; on the other they disagree, which raises a conflict the lead resolves.
        await ClientFor(s1).CastVoteAsync(reviewId, agreed, new CastVote { Stage = Stage.TitleAbstract, Decision = Decision.Include }, ct);
        await ClientFor(s2).CastVoteAsync(reviewId, agreed, new CastVote { Stage = Stage.TitleAbstract, Decision = Decision.Include }, ct);
        await ClientFor(s1).CastVoteAsync(reviewId, disputed, new CastVote { Stage = Stage.TitleAbstract, Decision = Decision.Include }, ct);
        var vote = await ClientFor(s2).CastVoteAsync(reviewId, disputed,
            new CastVote { Stage = Stage.TitleAbstract, Decision = Decision.Exclude, ReasonCode = "wrong-population" }, ct);
        vote.Decision.ShouldBe(Decision.Exclude);
        (await asLead.GetRecordTrailAsync(reviewId, disputed, null, null, null, ct)).Status.ShouldBe(RecordStatus.TitleAbstractConflict);

        var resolved = await asLead.ResolveConflictAsync(reviewId, disputed, new ResolveConflict
        {
            Stage = Stage.TitleAbstract, Decision = Decision.Exclude, ReasonCode = "wrong-population", Note = "Children only",
        }, ct);
        resolved.Status.ShouldBe(RecordStatus.ExcludedTitleAbstract);

        var prisma = await asLead.GetPrismaFlowAsync(reviewId, null, null, ct);
        (prisma.Database_results, prisma.Records_screened, prisma.Records_excluded).ShouldBe((2, 2, 1));

        // First votes: include/include and include/exclude. p_o = 1/2; p_e = 1 x 1/2 + 0 x 1/2 = 1/2; kappa = 0.
        var agreement = await asLead.GetAgreementAsync(reviewId, "title-abstract", null, null, null, null, null, null, null, ct);
        (agreement.Items, agreement.PercentAgreement, agreement.CohenKappa!.Value).ShouldBe((2, 0.5, 0.0));

        var verification = await asLead.VerifyReviewAsync(reviewId, ct);
        verification.Intact.ShouldBeTrue();
        verification.Findings.ShouldBeEmpty();
    }

    private EventReviewClient ClientFor(string user) => new(app.ClientFor(user));
}
