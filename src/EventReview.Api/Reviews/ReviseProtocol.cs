using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

/// <summary>A protocol amendment: the fields it changes (the others stay as they are) and why.</summary>
public sealed record ReviseProtocol(string Reason, string? Title = null, string? Question = null, string? EligibilityCriteria = null,
    ProtocolRegistration? Protocol = null);

public static class ReviseProtocolEndpoint
{
    public const int MaxReason = 2_000;

    public static ProblemDetails Validate(ReviseProtocol command) => Problems.FirstOf(
        Problems.CheckText(command.Reason, "reason", MaxReason),
        Problems.CheckText(command.Title, "title", CreateReviewEndpoint.MaxTitle, required: false),
        command.Title is { } title && string.IsNullOrWhiteSpace(title) ? Problems.Invalid("'title' cannot be cleared.") : null,
        Problems.CheckText(command.Question, "question", CreateReviewEndpoint.MaxProtocolText, required: false),
        Problems.CheckText(command.EligibilityCriteria, "eligibilityCriteria", CreateReviewEndpoint.MaxProtocolText, required: false),
        CheckRegistration(command.Protocol));

    /// <summary>A registration names its registry and its id there; a URL, when given, is one a reader can open.</summary>
    public static ProblemDetails? CheckRegistration(ProtocolRegistration? protocol) => protocol is null ? null : new[]
    {
        Problems.CheckText(protocol.Registry, "protocol.registry", 200),
        Problems.CheckText(protocol.RegistrationId, "protocol.registrationId", 200),
        Problems.CheckText(protocol.Url, "protocol.url", 2_000, required: false),
        protocol.Url is { } url && !(Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? Problems.Invalid("'protocol.url' is an absolute http or https address.")
            : null,
        Problems.CheckText(protocol.Version, "protocol.version", 100, required: false),
    }.FirstOrDefault(p => p is not null);

    public static ProtocolRegistration? Trimmed(ProtocolRegistration? p) =>
        p is null ? null : new(p.Registry.Trim(), p.RegistrationId.Trim(), p.Url?.Trim(), p.Version?.Trim());

    /// <summary>
    /// The lead amends the protocol with a reason; the event holds the whole protocol as it stands afterwards, so each
    /// amendment reads on its own and the earlier versions stay in the log.
    /// </summary>
    public static RuleOutcome Decide(Review review, ReviseProtocol command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        var revised = new ProtocolRevised(review.Id, command.Title?.Trim() ?? review.Title, command.Question ?? review.Question,
            command.EligibilityCriteria ?? review.EligibilityCriteria, command.Reason.Trim(), by, Trimmed(command.Protocol) ?? review.Protocol);
        if (revised.Title == review.Title && revised.Question == review.Question && revised.EligibilityCriteria == review.EligibilityCriteria
            && revised.Protocol == review.Protocol)
            return Refusal.Invalid("The amendment changes nothing in the protocol; name at least one field with its new value.");
        return RuleOutcome.Append(revised);
    }

    [WolverinePost("/api/reviews/{reviewId}/protocol", OperationId = "reviseProtocol", Summary = "Amend the protocol, with the reason for the amendment."), Tags("Reviews")]
    [ProducesResponseType<ProtocolView>(200)]
    public static Task<IResult> Post(Guid reviewId, ReviseProtocol command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, command, by),
            review => Results.Ok(new ProtocolView(review.Title, review.Question, review.EligibilityCriteria, review.Protocol, review.Amendments)), ct);
}

public sealed record ProtocolView(string Title, string? Question, string? EligibilityCriteria, ProtocolRegistration? Registration,
    IReadOnlyList<ProtocolAmendment> Amendments);
