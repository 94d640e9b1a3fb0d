using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// One review, built once for a test class, with every state the routes need: for each caller its own record
/// per state-changing record route (fresh, in conflict, included, retrieved, marked duplicate), a decided record,
/// and blinded votes and ratings carrying secret notes that only the lead, the auditor and their authors may read.
/// A member of another review leads a review of their own, with a record of its own.
/// </summary>
public sealed class MatrixReview : AppFixture, IAsyncLifetime
{
    private static readonly Dictionary<string, Prepared> RecordRoutes = new()
    {
        ["POST " + RouteRequests.Record + "/votes"] = Prepared.Fresh,
        ["POST " + RouteRequests.Record + "/duplicate-of"] = Prepared.Fresh,
        ["POST " + RouteRequests.Record + "/removal"] = Prepared.Fresh,
        ["DELETE " + RouteRequests.Record + "/duplicate-of"] = Prepared.Duplicate,
        ["POST " + RouteRequests.Record + "/resolution"] = Prepared.Conflict,
        ["POST " + RouteRequests.Record + "/retrieval"] = Prepared.Included,
        ["POST " + RouteRequests.Record + "/reopen"] = Prepared.Included,
        ["POST " + RouteRequests.Record + "/appraisals"] = Prepared.Retrieved,
        ["POST " + RouteRequests.Record + "/labels"] = Prepared.Fresh,
        ["DELETE " + RouteRequests.Record + "/labels"] = Prepared.Labelled,
    };

    private readonly Dictionary<(string Route, Caller Caller), Guid> _records = [];
    private readonly Dictionary<string, Guid> _named = [];

    /// <summary>Routes that change a search get a search of their own per caller, so a withdrawal leaves the shared one alone.</summary>
    private static readonly string[] SearchRoutes =
        ["POST " + RouteRequests.Review + "/searches/{searchId}/corrections", "POST " + RouteRequests.Review + "/searches/{searchId}/withdrawal"];

    private readonly Dictionary<(string Route, Caller Caller), Guid> _searches = [];

    private enum Prepared { Fresh, Duplicate, Conflict, Included, Retrieved, Labelled }

    /// <summary>The label a record prepared for the label removal route carries.</summary>
    public const string PreparedLabel = "Ask the author";

    public ReviewScenario Scenario { get; private set; } = null!;
    public Guid SearchId { get; private set; }
    public string Appraiser => Scenario.Lead.Replace("lead-", "appraiser-", StringComparison.Ordinal);
    public string SecondAppraiser => Scenario.Lead.Replace("lead-", "appraiser2-", StringComparison.Ordinal);

    /// <summary>The review the member of another review leads, and a record and a search in it.</summary>
    public Guid OtherReviewId { get; private set; }
    public Guid OtherRecordId { get; private set; }
    public Guid OtherSearchId { get; private set; }

    /// <summary>Records with a known state: kept (duplicates point at it), decided, votedByA, votedByB, conflict, appraised.</summary>
    public Guid Named(string name) => _named[name];

    /// <summary>Notes and justifications given while blinded, with who wrote them.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; private set; } = new Dictionary<string, string>();

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await BuildAsync();
    }

    public string UserOf(Caller caller) => caller switch
    {
        Caller.Lead or Caller.Expired => Scenario.Lead,
        Caller.ScreenerA => Scenario.S1,
        Caller.ScreenerB => Scenario.S2,
        Caller.Appraiser => Appraiser,
        Caller.Auditor => Scenario.Auditor,
        Caller.Other => Scenario.Outsider,
        _ => "",
    };

    /// <summary>
    /// Where a caller's request on a route is aimed: a route that changes a record gets a record of its own per caller,
    /// in the state it needs; every other route that names a record reads the conflict record, with its blinded notes.
    /// </summary>
    public Target TargetFor(string route, Caller caller) => new(
        Scenario.ReviewId,
        _records.TryGetValue((route, caller), out var record) ? record : Named("conflict"),
        _searches.TryGetValue((route, caller), out var search) ? search : SearchId,
        Named("kept"),
        Tag(caller));

    public static string Tag(Caller caller) => JsonNamingPolicy.KebabCaseLower.ConvertName(caller.ToString());

    /// <summary>Sends the request as the caller: with their token, an expired one, or none.</summary>
    public async Task<HttpResponseMessage> SendAsync(Caller caller, RouteRequest request, string? idempotencyKey = null)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (idempotencyKey is not null) message.Headers.Add(Idempotency.Header, idempotencyKey);
        message.Content = request.Body switch
        {
            null => null,
            Upload upload => new StringContent(upload.Text, Encoding.UTF8, "text/plain"),
            RawJson raw => new StringContent(raw.Text, Encoding.UTF8, "application/json"),
            RawBytes raw => new ByteArrayContent(raw.Bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            var json => JsonContent.Create(json, options: EventReviewJson.Options),
        };
        var token = caller switch
        {
            Caller.NoToken => null,
            Caller.Expired => TokenIssuer.Mint(Auth, Key, Scenario.Lead, "Lead", TimeSpan.FromMinutes(5), DateTime.UtcNow.AddHours(-2)),
            _ => TokenFor(UserOf(caller)),
        };
        if (token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var client = Host.Server.CreateClient();
        return await client.SendAsync(message, TestContext.Current.CancellationToken);
    }

    /// <summary>The secrets this caller must never read: other reviewers' blinded notes on undecided records.</summary>
    public IEnumerable<string> HiddenFrom(Caller caller) => caller switch
    {
        Caller.Lead or Caller.Auditor => [],
        _ => Secrets.Where(s => s.Value != UserOf(caller)).Select(s => s.Key),
    };

    private async Task BuildAsync()
    {
        Scenario = await ReviewScenario.WithTeamAsync(this);
        var review = Scenario;
        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = Appraiser, name = "Appraiser", roles = new[] { "appraiser" } });
        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = SecondAppraiser, name = "Second Appraiser", roles = new[] { "appraiser" } });
        await BuildOtherReviewAsync();

        SearchId = await review.SearchAsync("PubMed");
        foreach (var route in SearchRoutes)
            foreach (var caller in Enum.GetValues<Caller>())
                _searches[(route, caller)] = await review.SearchAsync("Embase");
        var names = new[] { "kept", "decided", "votedByA", "votedByB", "conflict", "appraised" };
        var cells = RecordRoutes.Keys.SelectMany(route => Enum.GetValues<Caller>().Select(caller => (route, caller))).ToList();
        var ids = await ImportAsync(SearchId, names.Length + cells.Count);
        for (var i = 0; i < names.Length; i++) _named[names[i]] = ids[i];
        for (var i = 0; i < cells.Count; i++) _records[cells[i]] = ids[names.Length + i];

        foreach (var ((route, _), record) in _records) await PrepareAsync(RecordRoutes[route], record);
        await BothVoteAsync(Named("decided"), "include", "include");
        await BlindedSecretsAsync();
    }

    private async Task BlindedSecretsAsync()
    {
        var review = Scenario;
        static string Secret(string who) => $"secret-{who}-{Guid.NewGuid():N}";
        string a1 = Secret("a1"), a2 = Secret("a2"), b1 = Secret("b1"), b2 = Secret("b2"), appraisal = Secret("appraiser2");
        Secrets = new Dictionary<string, string> { [a1] = review.S1, [a2] = review.S1, [b1] = review.S2, [b2] = review.S2, [appraisal] = SecondAppraiser };

        await OkAsync(review.VoteAsync(review.S1, Named("votedByA"), "include", note: a1));
        await OkAsync(review.VoteAsync(review.S2, Named("votedByB"), "exclude", reasonCode: "wrong-population", note: b1));
        await OkAsync(review.VoteAsync(review.S1, Named("conflict"), "include", note: a2));
        await OkAsync(review.VoteAsync(review.S2, Named("conflict"), "exclude", reasonCode: "wrong-population", note: b2));

        // Full text is blinded too: one rating of six leaves the appraisal open, so only its author, the lead and the auditor see it.
        await PrepareAsync(Prepared.Retrieved, Named("appraised"));
        await OkAsync(review.SendAsync(SecondAppraiser, HttpMethod.Post, $"/records/{Named("appraised")}/appraisals", new
        {
            instrument = "sanra2",
            ratings = new Dictionary<string, string> { ["3"] = "1" },
            note = appraisal,
            justifications = new Dictionary<string, string> { ["3"] = appraisal },
        }));
    }

    private async Task BuildOtherReviewAsync()
    {
        var created = await ReviewScenario.Send(this, Scenario.Outsider, HttpMethod.Post, "/api/reviews", new { title = "Another review" });
        OtherReviewId = (await ReadAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var other = new ReviewScenario(this, OtherReviewId, Scenario.Outsider["outsider-".Length..]);
        var search = await ReviewScenario.Send(this, Scenario.Outsider, HttpMethod.Post, other.Url("/searches"),
            new { source = "PubMed", kind = "database", query = "other", searchedOn = "2025-01-01" });
        OtherSearchId = (await ReadAsync(search, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var ris = "TY  - JOUR\r\nTI  - A record of another review entirely\r\nAU  - Elsewhere, E.\r\nPY  - 2018\r\nER  - \r\n";
        using var content = new StringContent(ris, Encoding.UTF8, "text/plain");
        using var client = ClientFor(Scenario.Outsider);
        var imported = await client.PostAsync(new Uri(other.Url($"/searches/{OtherSearchId}/imports"), UriKind.Relative), content);
        OtherRecordId = (await ReadAsync(imported, HttpStatusCode.OK)).GetProperty("recordIds")[0].GetGuid();
    }

    private async Task PrepareAsync(Prepared state, Guid record)
    {
        var review = Scenario;
        switch (state)
        {
            case Prepared.Duplicate:
                await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{record}/duplicate-of", new { recordId = Named("kept"), note = "Same study" });
                break;
            case Prepared.Conflict:
                await BothVoteAsync(record, "include", "exclude");
                break;
            case Prepared.Included:
                await BothVoteAsync(record, "include", "include");
                break;
            case Prepared.Retrieved:
                await BothVoteAsync(record, "include", "include");
                await OkAsync(review.RetrievalAsync(record, true));
                break;
            case Prepared.Labelled:
                await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{record}/labels", new { label = PreparedLabel });
                break;
        }
    }

    private async Task BothVoteAsync(Guid record, string first, string second)
    {
        await OkAsync(Scenario.VoteAsync(Scenario.S1, record, first, reasonCode: first == "exclude" ? "wrong-population" : null));
        await OkAsync(Scenario.VoteAsync(Scenario.S2, record, second, reasonCode: second == "exclude" ? "wrong-population" : null));
    }

    /// <summary>Imports records that no duplicate rule can match: each has a family name and a title of its own.</summary>
    private async Task<IReadOnlyList<Guid>> ImportAsync(Guid search, int count)
    {
        var ris = string.Concat(Enumerable.Range(0, count).Select(i =>
        {
            var letters = $"{(char)('a' + i / 26)}{(char)('a' + i % 26)}";
            return $"TY  - JOUR\r\nTI  - Matrix record {letters} on cell therapy number {i}\r\nAU  - Zed{letters}, A.\r\nPY  - {2000 + i % 20}\r\nER  - \r\n\r\n";
        }));
        var ids = (await Scenario.ImportAsync(search, ris, "ris")).RecordIds!;
        ids.Count.ShouldBe(count);
        return ids;
    }

    private static async Task OkAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
