using System.Diagnostics;
using System.Net;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Shouldly;

namespace EventReview.Tests.Observability;

/// <summary>An application exporting traces, read through OpenTelemetry's in-memory exporter beside the OTLP one.</summary>
public class TelemetryFixture : AppFixture
{
    public SpanCollection Spans { get; } = new();

    // Nothing listens on the discard port: the test reads the in-memory exporter added below.
    protected override IReadOnlyDictionary<string, string?> Overrides { get; } =
        new Dictionary<string, string?> { ["EventReview:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9" };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
}

public class TelemetryTests(TelemetryFixture app) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task A_vote_is_traced_as_a_request_span_with_database_spans_in_the_same_trace()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        (await review.VoteAsync(review.S1, record, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Host.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();
        var spans = app.Spans.Snapshot();
        var request = spans.Where(s => s.Source.Name == "Microsoft.AspNetCore" && s.GetTagItem("url.path") as string == review.Url($"/records/{record}/votes"))
            .ShouldHaveSingleItem();
        request.GetTagItem("http.request.method").ShouldBe("POST");
        request.GetTagItem("http.response.status_code").ShouldBe(200);
        var inTrace = spans.Where(s => s.TraceId == request.TraceId && s != request).Select(s => s.Source.Name).Distinct().ToList();
        inTrace.ShouldContain("Npgsql");
        inTrace.ShouldContain("Marten");
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_no_telemetry_is_registered()
    {
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration.AddInMemoryCollection(
            AppFixture.SettingsFor("Host=127.0.0.1;Database=never_opened", nameof(TelemetryTests), applySchema: false)));

        builder.Services.ShouldNotContain(d => d.ServiceType == typeof(TracerProvider));
        builder.Services.ShouldNotContain(d => d.ServiceType == typeof(OpenTelemetry.Metrics.MeterProvider));
    }
}

/// <summary>The exporter adds spans from whichever thread ends them; this collection takes them one at a time.</summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];
    private readonly Lock _lock = new();

    public int Count { get { lock (_lock) return _spans.Count; } }

    public bool IsReadOnly => false;

    public List<Activity> Snapshot() { lock (_lock) return [.. _spans]; }

    public void Add(Activity item) { lock (_lock) _spans.Add(item); }

    public void Clear() { lock (_lock) _spans.Clear(); }

    public bool Contains(Activity item) { lock (_lock) return _spans.Contains(item); }

    public void CopyTo(Activity[] array, int arrayIndex) { lock (_lock) _spans.CopyTo(array, arrayIndex); }

    public bool Remove(Activity item) { lock (_lock) return _spans.Remove(item); }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
