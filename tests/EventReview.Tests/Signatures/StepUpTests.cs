using System.Security.Claims;
using EventReview.Identity;
using Shouldly;

namespace EventReview.Tests.Signatures;

/// <summary>The freshness rule for signing, on its own: auth_time within the window, allowing 30 seconds of clock skew.</summary>
public class StepUpTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(0)]
    [InlineData(299)]
    [InlineData(300)]
    [InlineData(-30)]
    public void An_authentication_within_the_window_may_sign(int secondsAgo) =>
        StepUp.Refusal(Now.AddSeconds(-secondsAgo), Now, Window).ShouldBeNull();

    [Theory]
    [InlineData(301)]
    [InlineData(-31)]
    public void An_older_or_future_authentication_must_be_repeated(int secondsAgo) =>
        StepUp.Refusal(Now.AddSeconds(-secondsAgo), Now, Window).ShouldNotBeNull().ShouldStartWith("Signing needs a re-authentication", Case.Sensitive);

    [Fact]
    public void A_token_that_does_not_say_when_its_user_signed_in_must_be_repeated()
    {
        StepUp.AuthenticatedAt(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "lead")]))).ShouldBeNull();
        StepUp.Refusal(null, Now, Window).ShouldNotBeNull().ShouldContain("auth_time", Case.Sensitive);
    }

    [Fact]
    public void Auth_time_is_read_as_seconds_since_the_epoch()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("auth_time", "1772443800")]));
        StepUp.AuthenticatedAt(user).ShouldBe(Now);
    }
}
