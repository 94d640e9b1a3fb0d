using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace EventReview.WebConsole;

/// <summary>
/// The web console: static HTML, CSS and JavaScript modules copied beside the assembly (see the project file), served
/// at <c>/</c>. It is a client of the public API only; its files need no sign-in, every call it makes does.
/// </summary>
public static class ConsoleSite
{
    /// <summary>The console's own origin only; blob: for the PRISMA diagram and the downloads it fetches with the token.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>Before authorization: the fallback policy would otherwise ask a bearer token for the sign-in page itself.</summary>
    public static void UseConsole(this WebApplication app)
    {
        if (!Directory.Exists(Root)) return;
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c =>
            {
                var headers = c.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidated on every load, so a new version of the console is never mixed with a cached module.
                headers.CacheControl = "no-cache";
            },
        });
    }
}
