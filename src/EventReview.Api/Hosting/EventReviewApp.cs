using EventReview.Audit;
using EventReview.WebConsole;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Observability;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventReview.Hosting;

/// <summary>Builds the EventReview web application; used by `eventreview serve` and by the tests.</summary>
public static class EventReviewApp
{
    public const string ConnectionStringName = "EventReview";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Configuration key for the PostgreSQL application_name of this process's connections.</summary>
    public const string ApplicationNameKey = "EventReview:ConnectionApplicationName";

    /// <summary>The application_name a serving node connects with, so `rebuild` can see that a server is running.</summary>
    public const string ServingApplicationName = "eventreview serve";

    /// <summary>
    /// Reads configuration, starts the embedded PostgreSQL cluster when no connection string is configured,
    /// and registers every service. <paramref name="configure"/> lets a caller add configuration first.
    /// </summary>
    public static async Task<WebApplicationBuilder> CreateBuilderAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(EventReviewApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(EventReviewOptions.Section).Get<EventReviewOptions>() ?? new();
        var dataDirectory = DataDirectory.Resolve(options.DataDirectory);
        builder.Services.AddSingleton(options);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        EmbeddedPostgres? embedded = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            embedded = await EmbeddedPostgres.StartAsync(dataDirectory);
            builder.Services.AddSingleton(embedded);
            builder.Services.AddSingleton<EmbeddedPostgresSupervisor>();
            builder.Services.AddHostedService(s => s.GetRequiredService<EmbeddedPostgresSupervisor>());
            builder.Services.AddHealthChecks().AddCheck<EmbeddedPostgresHealthCheck>("embeddedPostgres", tags: ["ready"]);
            connectionString = embedded.ConnectionString;
        }
        try
        {
            builder.UseEventReviewLogging(options);
            if (options.MaxJsonBodyBytes < 1 || options.MaxUploadBytes < 1)
                throw new InvalidOperationException($"{EventReviewOptions.Section}: MaxJsonBodyBytes and MaxUploadBytes must be at least 1.");
            if (options.IdempotencyKeyHours < 1)
                throw new InvalidOperationException($"{EventReviewOptions.Section}: IdempotencyKeyHours must be at least 1.");
            builder.WebHost.ConfigureKestrel(k =>
            {
                // The JSON cap everywhere; RequestLimits raises it for the upload route and answers 413 with problem details.
                k.Limits.MaxRequestBodySize = options.MaxJsonBodyBytes;
                k.Limits.MaxRequestLineSize = RequestLimits.KestrelRequestLine;
                k.Limits.MaxRequestHeadersTotalSize = RequestLimits.KestrelHeaderBytes;
            });
            AddServices(builder.Services, options, dataDirectory, sharedStore: embedded is null, Tuned(connectionString, builder.Configuration[ApplicationNameKey] ?? "eventreview"));
            builder.Services.AddEventReviewRateLimiting(builder.Configuration);
            builder.Services.AddEventReviewTelemetry(options.Telemetry, builder.Configuration);
        }
        catch
        {
            // A configuration error must not leave behind a cluster this process started.
            if (embedded is not null) await embedded.ReleaseAsync();
            throw;
        }
        return builder;
    }

    /// <summary><paramref name="sharedStore"/>: a configured database, which other nodes may share, so no key is made here.</summary>
    private static void AddServices(IServiceCollection services, EventReviewOptions options, string dataDirectory, bool sharedStore, string connectionString)
    {
        services.AddSingleton(_ => PostgresDataSource.Open(connectionString));
        services.AddEventReviewProblemDetails();
        services.AddSingleton<ReviewCache>();
        services.AddSingleton<Records.GroupCommit>();
        services.AddHostedService(provider => provider.GetRequiredService<Records.GroupCommit>());
        services.AddExceptionHandler<ExceptionProblems>();
        services.AddSingleton<CommandJson>();
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<CommandJson>((o, commands) =>
        {
            EventReviewJson.Configure(o.SerializerOptions);
            o.SerializerOptions.Converters.Add(commands);
        });
        services.AddEventReviewAuthentication(options.Auth, dataDirectory, sharedStore);
        services.AddEventReviewHealth();
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityScheme>().AddOperationTransformer<Records.ImportBodyDescription>().AddSchemaTransformer<CommandSchemas>()
            .AddDocumentTransformer<Records.RecordStatusValues>());

        var sealKey = SealKey.Load(options.Audit, dataDirectory, sharedStore);
        var committed = new CommittedLinks();
        var marten = services.AddMarten(provider =>
            {
                var store = new StoreOptions();
                EventStoreSetup.Configure(store, provider.GetRequiredService<NpgsqlDataSource>(), options.ApplySchemaOnStartup, sealKey, committed);
                return store;
            })
            .UseLightweightSessions()
            // Hot/cold: of several nodes on one database exactly one runs the sealer, on Marten's advisory lock.
            .AddAsyncDaemon(options.Audit.Seal ? DaemonMode.HotCold : DaemonMode.Disabled)
            .IntegrateWithWolverine();
        if (options.ApplySchemaOnStartup) marten.ApplyAllDatabaseChangesOnStartup();
        services.AddSealing(marten, sealKey, committed, options, dataDirectory, sharedStore);
        services.RestrictStreamDeletes();
        services.AddHostedService<Seed.SeedOnFirstStart>();

        services.AddWolverine(ExtensionDiscovery.ManualOnly, wolverine =>
        {
            // The endpoints live in this assembly, not in the executable that hosts it.
            wolverine.ApplicationAssembly = typeof(EventReviewApp).Assembly;
            // Handlers are compiled into this assembly ahead of time (see GeneratedCode), never with Roslyn at start-up.
            wolverine.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;
            wolverine.CodeGeneration.ApplicationAssembly = typeof(EventReviewApp).Assembly;
            wolverine.Policies.AutoApplyTransactions();
            // A command that lost a race for its stream's version is run again from its read (see DecideOnRecord);
            // a short, growing pause keeps two colliding commands from colliding again.
            wolverine.Policies.OnException<JasperFx.ConcurrencyException>()
                .Or<JasperFx.Events.EventStreamUnexpectedMaxEventIdException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40));
            wolverine.Durability.Mode = DurabilityMode.Solo;
            if (!options.ApplySchemaOnStartup) wolverine.AutoBuildMessageStorageOnStartup = JasperFx.AutoCreate.None;
        });
        services.AddWolverineHttp();
    }

    /// <summary>
    /// Every request checks connections out several times; preparing repeated statements and skipping the
    /// DISCARD ALL on return (nothing here sets session state) saves a round trip and a parse on each checkout.
    /// Set on the connection string, so Marten's and Wolverine's connections get it too, not only ours.
    /// The application name is only set when the connection string has none.
    /// </summary>
    public static string Tuned(string connectionString, string applicationName)
    {
        var tuned = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, NoResetOnClose = true };
        if (string.IsNullOrEmpty(tuned.ApplicationName)) tuned.ApplicationName = applicationName;
        return tuned.ConnectionString;
    }

    /// <summary>The request pipeline and every route.</summary>
    public static void Configure(WebApplication app)
    {
        // Outside the exception handler, so each request line carries the status actually sent (503, 409), not 500.
        app.UseEventReviewRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<CorrelationId>();
        app.UseMiddleware<RequestLimits>();
        app.UseConsole();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<StorableRequestText>();
        app.UseMiddleware<Idempotency>();

        app.MapEventReviewHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("EventReview API")).AllowAnonymous();
        app.MapWolverineEndpoints(http =>
        {
            http.WarmUpRoutes = RouteWarmup.Eager;
            // '?page=abc' is a 400, never silently page 0.
            http.RejectUnparseableQueryValues = true;
            http.Policies.Add(new RequiredJsonBody(app.Services.GetRequiredService<CommandJson>()));
            http.Policies.Add(new ProblemResponses());
        });
    }

    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = await CreateBuilderAsync(args, configure);
        var app = builder.Build();
        Configure(app);
        return app;
    }
}
