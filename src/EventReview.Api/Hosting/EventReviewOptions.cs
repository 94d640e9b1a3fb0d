namespace EventReview.Hosting;

/// <summary>The settings under the "EventReview" configuration section.</summary>
public sealed class EventReviewOptions
{
    public const string Section = "EventReview";

    /// <summary>Where the signing key and the embedded database live; defaults to the user's data directory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>"text" (human-readable, the default) or "json" (one compact JSON object per line).</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>Send every log line to stderr, leaving stdout to a command's own output.</summary>
    public bool LogToStandardError { get; set; }

    /// <summary>Load the seed review when the database holds no review yet.</summary>
    public bool LoadSeedOnFirstStart { get; set; } = true;

    /// <summary>
    /// Create or update the schema at start-up. Turn it off when the application runs as the least-privileged role
    /// and the schema is applied by `eventreview migrate`.
    /// </summary>
    public bool ApplySchemaOnStartup { get; set; } = true;

    /// <summary>
    /// Largest accepted upload, in bytes. Uploads are parsed as they stream in, in flat memory, so the cap bounds time
    /// and disk, not memory: 1 GiB holds about 400,000 records of a typical RIS export (a 100,000-record export is 261 MB).
    /// </summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Largest accepted JSON command body, in bytes. A command is read whole before it is checked, so this cap bounds
    /// the memory each request can take. The longest text a command holds (a search query of 100,000 characters, at
    /// most 600 KB even with every character escaped) fits within the default of 1 MiB.
    /// </summary>
    public long MaxJsonBodyBytes { get; set; } = 1L << 20;

    /// <summary>
    /// How long an Idempotency-Key's answer is replayed, in hours; after that the key is served as new. A client retries
    /// within minutes; a day also covers a client that retries after its own restart.
    /// </summary>
    public int IdempotencyKeyHours { get; set; } = 24;

    public AuthOptions Auth { get; set; } = new();

    public AuditOptions Audit { get; set; } = new();

    public TelemetryOptions Telemetry { get; set; } = new();
}

/// <summary>OpenTelemetry export (docs/operations.md): off unless an OTLP endpoint is configured.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Where traces and metrics go; without it OTEL_EXPORTER_OTLP_ENDPOINT, and without both, nowhere.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (port 4317 by convention) or "http/protobuf" (4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>service.name on every span and measurement; give each node the same one, they differ by host.</summary>
    public string ServiceName { get; set; } = "eventreview";
}

/// <summary>The sealing of the event log (see docs/audit.md).</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// The P-256 private key (PEM) that signs tree heads and keys transaction seals. The database never holds it. Nodes
    /// that share one database must share it; without it, the key is the data directory's seal-key.pem, made at first use.
    /// </summary>
    public string? SealKey { get; set; }

    /// <summary>A file holding <see cref="SealKey"/> instead, such as a mounted secret.</summary>
    public string? SealKeyFile { get; set; }

    /// <summary>Where signed tree heads are also written, outside the database: best a write-once or remote volume.
    /// Defaults to the data directory's checkpoints/.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>How often the sealer signs a tree head while the log grows, in seconds.</summary>
    public double TreeHeadSeconds { get; set; } = 5;

    /// <summary>Run the sealer in this process. Command-line tools that open the store for a moment turn it off.</summary>
    public bool Seal { get; set; } = true;
}

public sealed class AuthOptions
{
    /// <summary>An OIDC authority (production). When set, tokens are validated against its published keys.</summary>
    public string? Authority { get; set; }

    public string Audience { get; set; } = "eventreview";

    /// <summary>
    /// The public client (no secret) the web console signs in as with the authority, by the authorization-code flow with
    /// PKCE. Without it the console keeps its token form even when an authority is set.
    /// </summary>
    public string? ConsoleClientId { get; set; }

    /// <summary>The authority's discovery document must come over HTTPS; off only for a provider on the loopback in tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Base64 HMAC-SHA256 key for locally minted tokens; generated into the data directory when absent.</summary>
    public string? SigningKey { get; set; }

    public string LocalIssuer { get; set; } = "eventreview-local";

    /// <summary>
    /// The longest lifetime a token may have, in minutes: expiry minus issue time (or minus not-before when a token has
    /// no issue time). Longer tokens are refused, and `eventreview token` will not mint one.
    /// </summary>
    public int MaxTokenLifetimeMinutes { get; set; } = 24 * 60;

    public TimeSpan MaxTokenLifetime => TimeSpan.FromMinutes(MaxTokenLifetimeMinutes);

    /// <summary>
    /// How recent a signer's authentication (the token's auth_time) must be, in minutes: a signature needs the signer
    /// to have just proved who they are (21 CFR 11.200(a)), not a token from this morning.
    /// </summary>
    public int SignatureFreshnessMinutes { get; set; } = 5;

    public TimeSpan SignatureFreshness => TimeSpan.FromMinutes(SignatureFreshnessMinutes);
}
