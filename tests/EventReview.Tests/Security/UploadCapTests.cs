using System.Net;
using System.Net.Http.Json;
using System.Text;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>An application whose upload cap (EventReview:MaxUploadBytes) is 4 KiB and whose JSON cap (MaxJsonBodyBytes) is 2 KiB.</summary>
public sealed class SmallUploadApp : ConfiguredApp
{
    public const int Cap = 4_096;
    public const int JsonCap = 2_048;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["EventReview:MaxUploadBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EventReview:MaxJsonBodyBytes"] = JsonCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A body over its route's cap is refused with 413 problem details before any work, whether it declares its length or
/// not: an upload over the upload cap, a JSON command over the JSON cap. The upload route keeps its own, larger cap.
/// </summary>
public class UploadCapTests(SmallUploadApp app) : IClassFixture<SmallUploadApp>
{
    private static string Ris(int bytes)
    {
        var record = "TY  - JOUR\r\nTI  - A record that fills the upload with text\r\nAU  - Filler, F.\r\nPY  - 2020\r\nER  - \r\n\r\n";
        var text = new StringBuilder();
        for (var i = 0; text.Length < bytes; i++) text.Append(record.Replace("fills", "fills " + i, StringComparison.Ordinal));
        return text.ToString()[..bytes];
    }

    [Fact]
    public async Task An_import_over_the_cap_is_a_413_and_imports_nothing()
    {
        var (review, search) = await app.ReviewWithSearchAsync("cap-lead");
        using var client = app.ClientFor("cap-lead");

        using var content = new StringContent(Ris(SmallUploadApp.Cap + 1), Encoding.UTF8, "text/plain");
        var response = await client.PostAsync(new Uri($"/api/reviews/{review}/searches/{search}/imports?format=ris", UriKind.Relative), content);

        await response.ShouldBeProblemDetailsAsync(413);
        var records = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/reviews/{review}/records");
        records.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task An_import_of_unknown_length_over_the_cap_is_a_413_and_imports_nothing()
    {
        var (review, search) = await app.ReviewWithSearchAsync("cap-lead-3");
        using var client = app.ClientFor("cap-lead-3");

        using var content = new GeneratedBody(Ris(SmallUploadApp.Cap / 2), SmallUploadApp.Cap, "", declareLength: false, "text/plain");
        var response = await client.PostAsync(new Uri($"/api/reviews/{review}/searches/{search}/imports?format=ris", UriKind.Relative), content);

        await response.ShouldBeProblemDetailsAsync(413);
        var records = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/reviews/{review}/records");
        records.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task An_import_within_the_upload_cap_is_accepted_though_larger_than_the_JSON_cap()
    {
        var (review, search) = await app.ReviewWithSearchAsync("cap-lead-2");
        using var client = app.ClientFor("cap-lead-2");

        var ris = Ris(SmallUploadApp.Cap - 200);
        ris.Length.ShouldBeGreaterThan(SmallUploadApp.JsonCap);
        using var content = new StringContent(ris, Encoding.UTF8, "text/plain");
        var response = await client.PostAsync(new Uri($"/api/reviews/{review}/searches/{search}/imports?format=ris", UriKind.Relative), content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory, InlineData(true), InlineData(false)]
    public async Task A_JSON_body_over_the_JSON_cap_is_a_413_though_within_the_upload_cap(bool declareLength)
    {
        using var client = app.ClientFor("cap-writer");

        using var content = new GeneratedBody("{\"title\": \"Padded\", \"question\": \"", SmallUploadApp.JsonCap, "\"}", declareLength);
        content.Length.ShouldBeLessThan(SmallUploadApp.Cap);
        await (await client.PostAsync(new Uri("/api/reviews", UriKind.Relative), content)).ShouldBeProblemDetailsAsync(413);
    }

    [Fact]
    public async Task A_JSON_body_within_the_JSON_cap_is_accepted()
    {
        using var client = app.ClientFor("cap-writer-2");

        using var content = new GeneratedBody("{\"title\": \"Padded\", \"question\": \"", SmallUploadApp.JsonCap - 100, "\"}", declareLength: false);
        (await client.PostAsync(new Uri("/api/reviews", UriKind.Relative), content)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused_before_the_caller_is_even_identified()
    {
        using var anonymous = app.Host.Server.CreateClient();

        using var content = new StringContent(Ris(SmallUploadApp.Cap * 2), Encoding.UTF8, "text/plain");
        var response = await anonymous.PostAsync(new Uri($"/api/reviews/{Guid.NewGuid()}/searches/{Guid.NewGuid()}/imports", UriKind.Relative), content);

        await response.ShouldBeProblemDetailsAsync(413);
    }
}
