using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EventReview.Hosting;
using EventReview.Identity;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Benchmarks.Harness;

/// <summary>
/// The real application, built by EventReviewApp.BuildAsync and served by Kestrel on a loopback port. Its console
/// log goes to a file in the scratch directory (formatted and written as in production, but not onto the report).
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private static readonly AuthOptions Auth = new() { SigningKey = BenchContext.SigningKey };
    private static readonly SecurityKey Key = new SymmetricSecurityKey(Convert.FromBase64String(BenchContext.SigningKey)) { KeyId = "local" };

    private readonly WebApplication _app;
    private readonly TextWriter _originalOut;
    private readonly StreamWriter _log;

    private BenchApp(WebApplication app, Uri baseAddress, TextWriter originalOut, StreamWriter log)
    {
        _app = app;
        BaseAddress = baseAddress;
        _originalOut = originalOut;
        _log = log;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();

    public static async Task<BenchApp> StartAsync(BenchContext context, string connectionString, string logName)
    {
        var logPath = Path.Combine(context.WorkDirectory, logName + ".log");
        var log = new StreamWriter(logPath, append: false) { AutoFlush = false };
        var originalOut = Console.Out;
        Console.SetOut(TextWriter.Synchronized(log));

        var url = $"http://127.0.0.1:{FreePort()}";
        var app = await EventReviewApp.BuildAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:" + EventReviewApp.ConnectionStringName] = connectionString,
                ["EventReview:DataDirectory"] = Path.Combine(context.WorkDirectory, "data"),
                ["EventReview:LoadSeedOnFirstStart"] = "false",
            });
            builder.Configuration.AddInMemoryCollection(context.SharedNodeSettings().Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
            builder.WebHost.UseUrls(url);
        });
        await app.StartAsync();
        context.Log($"app on {url}, log in {logPath}");
        return new BenchApp(app, new Uri(url), originalOut, log);
    }

    public static string Token(string userId, string name) => TokenIssuer.Mint(Auth, Key, userId, name, TimeSpan.FromHours(4));

    /// <summary>A client acting as one user, with a connection of its own.</summary>
    public HttpClient ClientFor(string userId, string name)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(userId, name));
        return client;
    }

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null) request.Content = JsonContent.Create(body, options: EventReviewJson.Options);
        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Console.SetOut(_originalOut);
        await _log.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
