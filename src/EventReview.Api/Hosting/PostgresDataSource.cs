using Npgsql;

namespace EventReview.Hosting;

/// <summary>
/// The one way the application opens its database. A connection string naming several hosts (a primary and its
/// standbys: <c>Host=db1:5432,db2:5432;Target Session Attributes=read-write</c>) becomes Npgsql's multi-host data
/// source, which refuses target session attributes in the string itself: they select the wrapper instead, read-write
/// by default, so after a failover every new connection finds whichever host was promoted. The wrapper does not own
/// the multi-host pool (Npgsql's design): disposing it leaves the pool's idle connections to close with the process,
/// which suits the one data source a server or command holds for its whole life.
/// </summary>
public static class PostgresDataSource
{
    public static NpgsqlDataSource Open(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.Host is not { } hosts || !hosts.Contains(',', StringComparison.Ordinal)) return builder.Build();

        var target = ParseTarget(settings.TargetSessionAttributes);
        settings.TargetSessionAttributes = null;
        return builder.BuildMultiHost().WithTargetSession(target);
    }

    private static TargetSessionAttributes ParseTarget(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? TargetSessionAttributes.ReadWrite
            : Enum.Parse<TargetSessionAttributes>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
}
