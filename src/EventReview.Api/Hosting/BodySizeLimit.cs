using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EventReview.Hosting;

/// <summary>
/// Refuses a request whose declared body exceeds EventReview:MaxUploadBytes with 413 problem details before any work
/// is done, on every route and whichever server hosts the application. (Kestrel also stops a body that grows past
/// the limit while it is read.)
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next, EventReviewOptions options)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (http.Request.ContentLength is { } length && length > options.MaxUploadBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Upload too large",
                    Detail = $"The request body is larger than {options.MaxUploadBytes} bytes.",
                },
            });
            return;
        }
        await next(http);
    }
}
