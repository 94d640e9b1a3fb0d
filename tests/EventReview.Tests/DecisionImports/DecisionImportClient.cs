using System.Net;
using EventReview.Tests.Infrastructure;

namespace EventReview.Tests.DecisionImports;

public sealed record StageCounts(int ReviewersPerRecord, int Votes, int Revisions, IReadOnlyList<string> Reasons);

public sealed record DecisionImportAnswer(Guid ReviewId, int Records, int Members, int Votes, IReadOnlyDictionary<string, StageCounts> Stages,
    IReadOnlyList<string> Discrepancies, bool AlreadyImported = false, bool Resumed = false);

/// <summary>Posts decision exports as a fresh lead, and reads the imported review as that lead.</summary>
public sealed class DecisionImportClient(AppFixture app)
{
    private readonly string suffix = "import-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The caller, named as <see cref="ReviewScenario"/> names a lead, so the scenario's readers work on the imported review.</summary>
    public string Lead => "lead-" + suffix;

    public static string File(params string[] parts) => TestData.Path(["corpus", "decisions", .. parts]);

    public Task<HttpResponseMessage> PostAsync(string format, byte[] body) =>
        app.ClientFor(Lead).PostAsync(new Uri($"/api/decision-imports?format={format}", UriKind.Relative), new ByteArrayContent(body));

    public async Task<DecisionImportAnswer> ImportAsync(string format, byte[] body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        return await (await PostAsync(format, body)).ReadJsonAsync<DecisionImportAnswer>(expected);
    }

    public ReviewScenario Review(Guid reviewId) => new(app, reviewId, suffix);
}
