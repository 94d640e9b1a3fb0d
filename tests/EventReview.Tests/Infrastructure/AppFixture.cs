using System.Net.Http.Headers;
using Alba;
using EventReview.Hosting;
using EventReview.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace EventReview.Tests.Infrastructure;

/// <summary>The real application, in memory, on a database of its own.</summary>
public class AppFixture : IAsyncLifetime
{
    /// <summary>A fixed key, so tests can mint tokens exactly as `eventreview token` does.</summary>
    public const string SigningKey = "ZXZlbnRyZXZpZXctdGVzdC1zaWduaW5nLWtleS0zMi1ieXRlcyE=";

    public IAlbaHost Host { get; private set; } = null!;
    public AuthOptions Auth { get; } = new() { SigningKey = SigningKey };
    public SecurityKey Key => new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)) { KeyId = "local" };

    protected virtual string Purpose => GetType().Name;

    /// <summary>The least-privileged role the application under test runs as (see DatabaseRoles).</summary>
    public const string ApplicationRole = "eventreview_app";

    /// <summary>The owner's connection: schema, tampering and CLI tests use it; the application never does.</summary>
    public string ConnectionString { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(Purpose);
        await MigrateAsync();
        var restricted = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = ApplicationRole }.ConnectionString;
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration.AddInMemoryCollection(Settings(restricted, applySchema: false)));
        Host = await AlbaHost.For(builder, EventReviewApp.Configure);
    }

    /// <summary>As in production: the schema is applied with the owner's rights, then the role is granted what it needs.</summary>
    private async Task MigrateAsync()
    {
        await using (var owner = await EventReviewApp.BuildAsync([], b =>
                     {
                         b.WebHost.UseUrls("http://127.0.0.1:0");
                         b.Configuration.AddInMemoryCollection(Settings(ConnectionString, applySchema: true));
                     }))
        {
            await owner.StartAsync();
            await owner.StopAsync();
        }
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        try
        {
            await DatabaseRoles.GrantApplicationRoleAsync(db, ApplicationRole);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
        {
            // Another fixture created the cluster-wide role at the same moment; the grants still need running here.
            await DatabaseRoles.GrantApplicationRoleAsync(db, ApplicationRole);
        }
    }

    private Dictionary<string, string?> Settings(string connectionString, bool applySchema) => new()
    {
        ["ConnectionStrings:" + EventReviewApp.ConnectionStringName] = connectionString,
        ["EventReview:Auth:SigningKey"] = SigningKey,
        ["EventReview:DataDirectory"] = Path.Combine(Path.GetTempPath(), "eventreview-tests", Purpose),
        ["EventReview:LoadSeedOnFirstStart"] = "false",
        ["EventReview:ApplySchemaOnStartup"] = applySchema ? "true" : "false",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public string TokenFor(string userId, string? name = null, TimeSpan? lifetime = null) =>
        TokenIssuer.Mint(Auth, Key, userId, name ?? userId, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>An HTTP client acting as the given user, for tests that read raw responses.</summary>
    public HttpClient ClientFor(string userId, string? name = null)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId, name));
        return client;
    }
}
