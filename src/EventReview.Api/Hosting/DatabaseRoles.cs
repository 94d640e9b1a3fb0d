using Npgsql;

namespace EventReview.Hosting;

/// <summary>
/// The least-privileged role the application runs as in production: it reads and appends events and their hash
/// links but can never update, delete or truncate them, and it has no DDL rights. Projection tables it may rewrite:
/// they are rebuilt from the events. The schema is applied beforehand by `eventreview
/// migrate` under an owner's connection.
/// </summary>
public static class DatabaseRoles
{
    public static async Task GrantApplicationRoleAsync(NpgsqlDataSource owner, string role, CancellationToken ct = default)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(role, "^[a-z_][a-z0-9_]{0,62}$"))
            throw new ArgumentException($"'{role}' is not a plain PostgreSQL role name (lower-case letters, digits, underscores).");
        const string schema = EventStoreSetup.Schema;
        var sql = $"""
            do $$ begin
              if not exists (select 1 from pg_roles where rolname = '{role}') then create role {role} login; end if;
            end $$;
            revoke all on schema {schema} from {role};
            revoke all on all tables in schema {schema} from {role};
            grant usage on schema {schema} to {role};
            grant select, insert, update, delete, truncate on all tables in schema {schema} to {role};
            revoke update, delete, truncate on {schema}.mt_events, {schema}.mt_doc_chainlink from {role};
            grant usage, select, update on all sequences in schema {schema} to {role};
            grant execute on all functions in schema {schema} to {role};
            """;
        await using var command = owner.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
