using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using EventReview.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Hosting;

/// <summary>The settings under "EventReview:RateLimit".</summary>
public sealed class RateLimitOptions
{
    public const string Section = EventReviewOptions.Section + ":RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests one user may make in one window: far more than a person or a client script needs.</summary>
    public int PermitLimit { get; set; } = 3_000;

    /// <summary>The fixed window the requests are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Per-user rate limiting with ASP.NET Core's limiter: a fixed window per token subject, so one runaway client
/// slows only itself. Requests without a valid token are not counted; they get 401 before any work is done.
/// Over the limit the answer is 429 with problem details and Retry-After.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddEventReviewRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        if (options.PermitLimit < 1 || options.Window <= TimeSpan.Zero)
            throw new InvalidOperationException($"{RateLimitOptions.Section}: PermitLimit must be at least 1 and Window longer than zero.");

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                options.Enabled && http.User.FindFirstValue(ClaimNames.Subject) is { } subject
                    ? RateLimitPartition.GetFixedWindowLimiter(subject, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("\0anonymous"));
            limiter.OnRejected = (context, ct) => RejectAsync(context, options);
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitOptions options)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"More than {options.PermitLimit} requests in {options.Window.TotalSeconds:0.###} s from this user; retry after {seconds} s.",
            },
        });
    }
}
