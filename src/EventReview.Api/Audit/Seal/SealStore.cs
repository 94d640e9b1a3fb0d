using System.Text.Json;
using EventReview.Hosting;
using Npgsql;

namespace EventReview.Audit;

/// <summary>Reads the sealer's blocks and tree heads straight from their tables, as committed.</summary>
public static class SealStore
{
    public const string Blocks = EventStoreSetup.Schema + ".mt_doc_sealblock";
    public const string TreeHeads = EventStoreSetup.Schema + ".mt_doc_treehead";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task<SealBlock?> NewestBlockAsync(NpgsqlDataSource db, CancellationToken ct) =>
        NewestAsync<SealBlock>(db, Blocks, ct);

    public static Task<TreeHead?> NewestTreeHeadAsync(NpgsqlDataSource db, CancellationToken ct) =>
        NewestAsync<TreeHead>(db, TreeHeads, ct);

    public static async Task<IReadOnlyList<TreeHead>> TreeHeadsAsync(NpgsqlDataSource db, CancellationToken ct) =>
        await AllAsync<TreeHead>(db, TreeHeads, ct).ToListAsync(ct);

    private static T Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;

    private static async Task<T?> NewestAsync<T>(NpgsqlDataSource db, string table, CancellationToken ct) where T : class
    {
        await using var command = db.CreateCommand($"select data::text from {table} order by id desc limit 1");
        return await command.ExecuteScalarAsync(ct) is string json ? Parse<T>(json) : null;
    }

    private static async IAsyncEnumerable<T> AllAsync<T>(NpgsqlDataSource db, string table,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select data::text from {table} order by id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return Parse<T>(reader.GetString(0));
    }
}
