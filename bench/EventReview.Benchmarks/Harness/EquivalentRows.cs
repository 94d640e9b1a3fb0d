using System.Text.Json;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records.Parsing;
using Npgsql;

namespace EventReview.Benchmarks.Harness;

/// <summary>
/// The raw baselines' rows: each corpus record as the JSON of the RecordImported event the importer stores, in a
/// table shaped like Marten's mt_events (sequence key, unique event id, stream id and version, jsonb body, type).
/// </summary>
public static class EquivalentRows
{
    public const string Table = "raw_events";

    public const string CreateTable = $"""
        create table {Table} (
            seq_id bigserial primary key,
            id uuid not null unique,
            stream_id uuid not null,
            version bigint not null,
            data jsonb not null,
            type varchar not null,
            timestamp timestamptz not null default now(),
            unique (stream_id, version))
        """;

    /// <summary>UTF-8 JSON bodies, parsed and serialized before any clock starts.</summary>
    public static List<byte[]> FromRis(string path, long count)
    {
        var review = Guid.CreateVersion7();
        var search = Guid.CreateVersion7();
        var by = new Actor("bench-lead", "Bench Lead");
        var rows = new List<byte[]>((int)count);
        using var stream = File.OpenRead(path);
        foreach (var result in BibParser.Parse(stream, BibFormat.Ris))
        {
            if (result is not ParsedRecord { Record: var record }) continue;
            var id = Guid.CreateVersion7();
            // The fields of RecordImported, spelled out so that this harness keeps compiling while the event evolves.
            rows.Add(JsonSerializer.SerializeToUtf8Bytes(new
            {
                reviewId = review,
                recordId = id,
                searchId = search,
                importKey = record.RawHash + "#" + rows.Count,
                ordinal = rows.Count,
                record,
                by,
            }, EventReviewJson.Options));
        }
        return rows;
    }

    /// <summary>A small event body, as large as a vote's.</summary>
    public static byte[] VoteLike() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        reviewId = Guid.CreateVersion7(),
        recordId = Guid.CreateVersion7(),
        stage = "title-abstract",
        decision = "include",
        reasonCode = (string?)null,
        note = (string?)null,
        isRevision = false,
        by = new { id = "screener-01", name = "Screener 01" },
    }, EventReviewJson.Options);

    public static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
