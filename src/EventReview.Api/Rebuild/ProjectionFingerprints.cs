using System.Security.Cryptography;
using System.Text;
using EventReview.Audit;
using EventReview.Hosting;
using Npgsql;

namespace EventReview.Rebuild;

/// <summary>
/// A hash of each projection's content (every document's id and JSON, in id order), so a rebuild, an import
/// elsewhere or a restore can be checked to reproduce exactly the same read models. The JSON is PostgreSQL's text
/// of the stored jsonb, which is already canonical (keys in a fixed order, no duplicates, fixed spacing), so the
/// hash needs no parsing here and anyone can recompute it with psql and sha256sum.
/// </summary>
public static class ProjectionFingerprints
{
    /// <summary>The document tables that projections write, by the name users see.</summary>
    public static IReadOnlyDictionary<string, string> Tables { get; } = new Dictionary<string, string>
    {
        ["reviews"] = "mt_doc_review",
        ["records"] = "mt_doc_recordstate",
        ["appraisals"] = "mt_doc_recordappraisal",
        ["appraisal-settings"] = "mt_doc_appraisalsettings",
    };

    public static async Task<IReadOnlyDictionary<string, string>> ComputeAsync(NpgsqlDataSource db, Guid? reviewId, CancellationToken ct)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, table) in Tables) result[name] = await HashTableAsync(db, table, reviewId, ct);
        return result;
    }

    private static async Task<string> HashTableAsync(NpgsqlDataSource db, string table, Guid? reviewId, CancellationToken ct)
    {
        await using var exists = db.CreateCommand("select to_regclass($1) is not null");
        exists.Parameters.Add(new NpgsqlParameter { Value = $"{EventStoreSetup.Schema}.{table}" });
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return HashChain.EmptyHead;

        var filter = reviewId is null ? "" : "where (data ->> 'reviewId' = $1 or data ->> 'id' = $1)";
        await using var command = db.CreateCommand($"select id::text, data::text from {EventStoreSetup.Schema}.{table} {filter} order by id::text");
        if (reviewId is not null) command.Parameters.Add(new NpgsqlParameter { Value = reviewId.Value.ToString("D") });
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            sha.AppendData(Encoding.UTF8.GetBytes(reader.GetString(0) + "\n" + reader.GetString(1) + "\n"));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
