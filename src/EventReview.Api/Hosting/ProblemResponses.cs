using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Http;

namespace EventReview.Hosting;

/// <summary>
/// Declares the problem-details answers every route can give, once at start-up, so the OpenAPI document describes
/// them without each endpoint repeating the list: 400 (a malformed request), 401 (no valid token), 403 and 404 on a
/// review's routes (a role missing, or a review the caller cannot see), 409 on a command (a broken rule or a concurrent
/// change). A read that needs a role declares its 403 itself.
/// </summary>
public sealed class ProblemResponses : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var isCommand = chain.HttpMethods.Any(m => m != HttpMethods.Get);
            var onReview = chain.RoutePattern?.RawText?.Contains("{reviewId}", StringComparison.Ordinal) == true;
            chain.Metadata.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
            if (onReview) chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound);
            if (isCommand && onReview) chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden);
            if (isCommand) chain.Metadata.ProducesProblem(StatusCodes.Status409Conflict);
            chain.Metadata.Finally(DropPlaceholders);
        }
    }

    /// <summary>
    /// Wolverine describes an endpoint by its return type: an <see cref="IResult"/> as a 200 "IResult" body, a list as
    /// also a bodiless 404, a streamed answer as 204. The endpoint's own attributes say what it really answers, so
    /// those guesses go.
    /// </summary>
    private static void DropPlaceholders(EndpointBuilder builder)
    {
        var declared = builder.Metadata.OfType<IProducesResponseTypeMetadata>().ToList();
        var hasSuccess = declared.Any(m => m.StatusCode is >= 200 and < 300 && m.Type is not null && m.Type != typeof(IResult));
        foreach (var guess in declared.Where(m => m.Type == typeof(IResult)
                     || ((m.Type is null || m.Type == typeof(void)) && m.StatusCode == StatusCodes.Status404NotFound)
                     || (hasSuccess && m.StatusCode == StatusCodes.Status204NoContent)))
            builder.Metadata.Remove(guess);
    }
}
