using System.Net.Http.Headers;
using Alba;
using EventReview.Hosting;
using EventReview.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace EventReview.Tests.Infrastructure;

/// <summary>The real application, in memory, on a database of its own.</summary>
public class AppFixture : IAsyncLifetime
{
    /// <summary>A fixed key, so tests can mint tokens exactly as `eventreview token` does.</summary>
    public const string SigningKey = "ZXZlbnRyZXZpZXctdGVzdC1zaWduaW5nLWtleS0zMi1ieXRlcyE=";

    /// <summary>A fixed seal key, so the `eventreview` processes a test runs check the seals its host wrote.</summary>
    public const string SealKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgCL0mBKpnLsjIkI5P
        TEhaWVKAGK8Bj+7Rww6XrVD9uomhRANCAARv2AHLmW2Tk7XR+F41H1NgzfnRVW3E
        6X5U5JYu8rl/RyYeCP5IQszOOUobNrlPSBl8G0RtcMhm0PCVtRaGkVF/
        -----END PRIVATE KEY-----
        """;

    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The checkpoint directory of one test database: each database's tree heads apart from every other's.</summary>
    public static string CheckpointDirectoryFor(string connectionString) =>
        Path.Combine(Path.GetTempPath(), "eventreview-tests", "checkpoints", new NpgsqlConnectionStringBuilder(connectionString).Database + "-" + RunId);

    public IAlbaHost Host { get; private set; } = null!;
    public AuthOptions Auth { get; } = new() { SigningKey = SigningKey };
    public SecurityKey Key => new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)) { KeyId = "local" };

    protected virtual string Purpose => GetType().Name;

    /// <summary>Settings this fixture's host changes, on top of those every test host gets.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>();

    /// <summary>The least-privileged role the application under test runs as (see DatabaseRoles).</summary>
    public const string ApplicationRole = "eventreview_app";

    /// <summary>The owner's connection: schema, tampering and CLI tests use it; the application never does.</summary>
    public string ConnectionString { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateMigratedAsync(Purpose);
        var restricted = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = ApplicationRole }.ConnectionString;
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration
            .AddInMemoryCollection(SettingsFor(restricted, Purpose, applySchema: false))
            .AddInMemoryCollection(Overrides));
        ConfigureServices(builder.Services);
        Host = await AlbaHost.For(builder, EventReviewApp.Configure);
    }

    /// <summary>Services this fixture's host adds or replaces, after the application's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The settings every test host gets; the schema is applied only where the connection has the owner's rights.</summary>
    internal static Dictionary<string, string?> SettingsFor(string connectionString, string purpose, bool applySchema) => new()
    {
        ["ConnectionStrings:" + EventReviewApp.ConnectionStringName] = connectionString,
        ["EventReview:Auth:SigningKey"] = SigningKey,
        ["EventReview:Audit:SealKey"] = SealKeyPem,
        ["EventReview:Audit:CheckpointDirectory"] = CheckpointDirectoryFor(connectionString),
        ["EventReview:Audit:TreeHeadSeconds"] = "0.5",
        ["EventReview:DataDirectory"] = Path.Combine(Path.GetTempPath(), "eventreview-tests", purpose),
        ["EventReview:LoadSeedOnFirstStart"] = "false",
        ["EventReview:ApplySchemaOnStartup"] = applySchema ? "true" : "false",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <param name="authTime">When the user signed in (auth_time): the token's issue time unless given.</param>
    public string TokenFor(string userId, string? name = null, TimeSpan? lifetime = null, DateTime? authTime = null) =>
        TokenIssuer.Mint(Auth, Key, userId, name ?? userId, lifetime ?? TimeSpan.FromHours(1), authTime: authTime);

    /// <summary>An HTTP client acting as the given user, for tests that read raw responses.</summary>
    public HttpClient ClientFor(string userId, string? name = null)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId, name));
        return client;
    }
}
