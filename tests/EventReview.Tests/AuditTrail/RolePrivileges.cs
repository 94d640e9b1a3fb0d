using System.Text.RegularExpressions;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;

namespace EventReview.Tests.AuditTrail;

/// <summary>
/// A role's rights on each table of the schema, as the database grants them and as docs/audit.md documents them,
/// both written the same way ("SELECT, INSERT, UPDATE (timestamp, version)") so the two compare as text.
/// </summary>
public static partial class RolePrivileges
{
    /// <summary>The heading of the table in docs/audit.md.</summary>
    public const string Heading = "## What the application's database role may do";

    private static readonly string[] Order = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];

    /// <summary>"table: rights" for every table the documented table lists, by table name.</summary>
    public static IReadOnlyList<string> Documented()
    {
        var lines = File.ReadAllLines(TestData.Path("..", "..", "docs", "audit.md"));
        var start = Array.IndexOf(lines, Heading);
        if (start < 0) throw new InvalidOperationException($"docs/audit.md has no heading '{Heading}'.");
        return lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => TableRow().Match(l))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups["table"].Value}: {Normalize(m.Groups["rights"].Value)}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"table: rights" for every table of the schema: what the role may actually do, directly or through PUBLIC.</summary>
    public static async Task<IReadOnlyList<string>> GrantedAsync(string connectionString, string role)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("""
            select c.relname,
              array(select p from unnest($3::text[]) with ordinality as u(p, n) where has_table_privilege($1::name, c.oid, p) order by n),
              array(select p || ' (' || string_agg(a.attname, ', ' order by a.attname) || ')'
                    from unnest(array['SELECT', 'INSERT', 'UPDATE', 'REFERENCES']) as p
                    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                    where not has_table_privilege($1::name, c.oid, p) and has_column_privilege($1::name, c.oid, a.attnum, p)
                    group by p)
            from pg_class c
            where c.relnamespace = $2::regnamespace and c.relkind in ('r', 'p')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        command.Parameters.Add(new NpgsqlParameter { Value = EventStoreSetup.Schema });
        command.Parameters.Add(new NpgsqlParameter { Value = Order });
        var granted = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            granted.Add($"{reader.GetString(0)}: {Normalize(string.Join(", ", [.. reader.GetFieldValue<string[]>(1), .. reader.GetFieldValue<string[]>(2)]))}");
        return granted.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Rights in a fixed order, each column list sorted; "none" for no rights.</summary>
    public static string Normalize(string rights)
    {
        var parsed = Right().Matches(rights)
            .Select(m => (Privilege: m.Groups["privilege"].Value.ToUpperInvariant(), Columns: m.Groups["columns"].Success
                ? " (" + string.Join(", ", m.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)) + ")"
                : ""))
            .Where(r => r.Privilege != "NONE")
            .OrderBy(r => Array.IndexOf(Order, r.Privilege)).ThenBy(r => r.Columns, StringComparer.Ordinal)
            .Select(r => r.Privilege + r.Columns)
            .ToList();
        return parsed.Count == 0 ? "none" : string.Join(", ", parsed);
    }

    [GeneratedRegex(@"^\|\s*`(?<table>[a-z0-9_]+)`\s*\|(?<rights>[^|]*)\|")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"(?<privilege>[A-Za-z]+)(\s*\((?<columns>[^)]*)\))?")]
    private static partial Regex Right();
}
