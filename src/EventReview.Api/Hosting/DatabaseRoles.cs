using Npgsql;

namespace EventReview.Hosting;

/// <summary>
/// The least-privileged role the application runs as in production: it reads and appends events, their streams and
/// their hash links, transaction seals, sealed leaves and tree heads but can never update, delete or truncate them (of a stream row it may move only the version and
/// timestamp, as Marten's append does), and it has no DDL rights. Projection tables and Wolverine's message store it
/// may rewrite: they are rebuilt from the events or hold messages in flight. docs/audit.md lists every table's rights,
/// and a test holds the database to that list. The schema is applied beforehand by `eventreview migrate` under an
/// owner's connection.
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
            -- Projections (rebuilt from the events) and Wolverine's message store (messages in flight).
            grant select, insert, update, delete, truncate on all tables in schema {schema} to {role};
            -- The evidence: read and appended, never changed or removed.
            revoke update, delete, truncate on {schema}.mt_events, {schema}.mt_streams, {schema}.mt_doc_chainlink,
              {schema}.mt_doc_chainbatch, {schema}.sealed_leaves, {schema}.mt_doc_sealblock, {schema}.mt_doc_treehead from {role};
            -- Marten's quick append locks its stream's row (select ... for update) and moves the version and timestamp on.
            grant update (version, timestamp) on {schema}.mt_streams to {role};
            -- A stored answer to a retried request is written once, with the events it answers for.
            revoke update, delete, truncate on {schema}.mt_doc_idempotentresponse from {role};
            -- nextval only: without update on a sequence, setval cannot move event numbering back.
            grant usage, select on all sequences in schema {schema} to {role};
            grant execute on all functions in schema {schema} to {role};
            """;
        await using var command = owner.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
