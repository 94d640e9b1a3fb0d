using System.Text.Json;
using EventReview.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace EventReview.WebConsole;

/// <summary>
/// The web console: static HTML, CSS and JavaScript modules copied beside the assembly (see the project file), served
/// at <c>/</c>. It is a client of the public API only; its files need no sign-in, every call it makes does.
/// </summary>
public static class ConsoleSite
{
    public const string ConfigPath = "/console/config.json";

    /// <summary>
    /// The console's own origin only; blob: for the PRISMA diagram and the downloads it fetches with the token. With an
    /// OIDC authority, the page also fetches the authority's discovery document and token endpoint.
    /// </summary>
    public static string ContentSecurityPolicy(string? authorityOrigin = null) =>
        $"default-src 'self'; connect-src 'self'{(authorityOrigin is null ? "" : " " + authorityOrigin)}; img-src 'self' blob: data:; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>Before authorization: the fallback policy would otherwise ask a bearer token for the sign-in page itself.</summary>
    public static void UseConsole(this WebApplication app)
    {
        if (!Directory.Exists(Root)) return;
        var auth = app.Services.GetRequiredService<EventReviewOptions>().Auth;
        var oidc = ConsoleSignIn.From(auth);
        var policy = ContentSecurityPolicy(oidc.Authority is { } a ? new Uri(a).GetLeftPart(UriPartial.Authority) : null);
        var config = JsonSerializer.SerializeToUtf8Bytes(oidc, EventReviewJson.Options);
        // Not an API route: the console's own settings, read before anyone signs in, served beside its files.
        app.Use((context, next) =>
        {
            if (context.Request.Path != ConfigPath || !HttpMethods.IsGet(context.Request.Method)) return next(context);
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-cache";
            return context.Response.Body.WriteAsync(config).AsTask();
        });
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c =>
            {
                var headers = c.Context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidated on every load, so a new version of the console is never mixed with a cached module.
                headers.CacheControl = "no-cache";
            },
        });
    }
}

/// <summary>
/// How the console signs in: with the authority and its public client id (authorization code with PKCE), or, when
/// either is missing, with the token form. No secret is in it: anyone may read it.
/// </summary>
public sealed record ConsoleSignIn(string? Authority, string? ClientId, string? Audience, bool TokenForm)
{
    public static ConsoleSignIn From(AuthOptions auth) =>
        string.IsNullOrWhiteSpace(auth.Authority) || string.IsNullOrWhiteSpace(auth.ConsoleClientId)
            ? new(null, null, null, TokenForm: true)
            : new(auth.Authority.TrimEnd('/'), auth.ConsoleClientId, auth.Audience, TokenForm: false);
}
