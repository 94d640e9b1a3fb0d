using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Signatures;

/// <summary>
/// Electronic signatures as 21 CFR 11 asks for them: a fresh authentication to sign (11.200(a)), a meaning from a
/// fixed list, and the printed name, time and meaning shown with every signature (11.50); an auditor's review of the
/// trail is itself a signature. The default freshness window is 5 minutes.
/// </summary>
public class ElectronicSignatureTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_token_from_a_sign_in_six_minutes_ago_is_refused_with_a_step_up_challenge_and_nothing_is_signed()
    {
        var review = await DecidedAsync();
        var stale = app.TokenFor(review.Lead, "Lena Lead", authTime: DateTime.UtcNow.AddMinutes(-6));

        var response = await SignAsync(review, stale, "title-abstract", "approval");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("error=\"insufficient_user_authentication\"", Case.Sensitive);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("max_age=300", Case.Sensitive);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("rule").GetString().ShouldBe("re-authentication-required");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Signing needs a re-authentication", Case.Sensitive);
        (await SignaturesAsync(review)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_sign_in_four_minutes_ago_is_fresh_enough()
    {
        var review = await DecidedAsync();
        var recent = app.TokenFor(review.Lead, "Lena Lead", authTime: DateTime.UtcNow.AddMinutes(-4));

        (await SignAsync(review, recent, "title-abstract", "approval")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_meaning_outside_the_fixed_list_is_a_400_naming_the_allowed_meanings()
    {
        var review = await DecidedAsync();

        var response = await SignAsync(review, app.TokenFor(review.Lead), "title-abstract", "Approved title/abstract screening");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("detail").GetString()!.ShouldContain("authorship, review, approval, responsibility, audit", Case.Sensitive);
    }

    [Fact]
    public async Task An_auditor_signs_that_they_audited_the_log_and_the_signature_holds_while_the_review_goes_on()
    {
        var review = await DecidedAsync();

        var response = await SignAsync(review, app.TokenFor(review.Auditor, "Audrey Auditor"), "audit-trail", "audit");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var signed = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        (signed.GetProperty("role").GetString(), signed.GetProperty("scope").GetString()).ShouldBe(("auditor", "audit-trail"));
        // The review with its lead's membership, four members, three exclusion reasons, the search, the import, two votes
        // and the decision.
        signed.GetProperty("records").GetInt32().ShouldBe(2 + 4 + 3 + 1 + 1 + 3);

        var more = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, more, "include");

        var signature = (await SignaturesAsync(review)).ShouldHaveSingleItem();
        (signature.GetProperty("signedBy").GetString(), signature.GetProperty("meaning").GetString(), signature.GetProperty("role").GetString(),
            signature.GetProperty("valid").GetBoolean()).ShouldBe(("Audrey Auditor", "audit", "auditor", true));
    }

    [Fact]
    public async Task An_auditor_cannot_approve_and_a_lead_cannot_sign_as_auditor()
    {
        var review = await DecidedAsync();

        (await SignAsync(review, app.TokenFor(review.Auditor), "title-abstract", "approval")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SignAsync(review, app.TokenFor(review.Lead), "audit-trail", "audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_audit_csv_shows_the_printed_name_the_utc_time_and_the_meaning_of_a_signature()
    {
        var review = await DecidedAsync();
        (await SignAsync(review, app.TokenFor(review.Lead, "Lena Lead"), "title-abstract", "responsibility")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var client = app.ClientFor(review.Lead);
        var csv = await client.GetStringAsync(new Uri(review.Url("/audit?format=csv&type=signature_recorded"), UriKind.Relative),
            TestContext.Current.CancellationToken);

        var lines = csv.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2, csv);
        var when = DateTimeOffset.Parse(lines[1].Split(',')[1], CultureInfo.InvariantCulture).UtcDateTime;
        lines[1].ShouldContain(
            $"SIGNED by Lena Lead on {when:yyyy-MM-dd HH:mm:ss} UTC, meaning \"\"responsibility\"\" as lead: title-abstract (1 records, state ", Case.Sensitive);
    }

    /// <summary>A review whose one record both screeners included at title-abstract.</summary>
    private async Task<ReviewScenario> DecidedAsync()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");
        await review.VoteAsync(review.S2, record, "include");
        return review;
    }

    private static Task<HttpResponseMessage> SignAsync(ReviewScenario review, string token, string scope, string meaning) =>
        review.SendAsync(review.Lead, HttpMethod.Post, "/signatures", new { scope, meaning },
            new Dictionary<string, string> { ["Authorization"] = "Bearer " + token });

    private static async Task<List<JsonElement>> SignaturesAsync(ReviewScenario review) =>
        [.. (await review.GetJsonAsync(review.Lead, "/verification")).GetProperty("signatures").EnumerateArray()];
}
