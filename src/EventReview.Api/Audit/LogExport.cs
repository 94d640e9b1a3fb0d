using System.Text.Json;
using Npgsql;

namespace EventReview.Audit;

/// <summary>A review's complete event log as NDJSON: a header line, then every event with its stored hashes.</summary>
public static class LogExport
{
    public static async Task<int> WriteAsync(NpgsqlDataSource db, Guid reviewId, TextWriter output, CancellationToken ct)
    {
        await output.WriteAsync(JsonSerializer.Serialize(ExportHeader.For(reviewId.ToString("D"), DateTimeOffset.UtcNow), ChainJson.Options) + "\n");
        var count = 0;
        await foreach (var e in EventLog.ReadAsync(db, reviewId, ct))
        {
            await output.WriteAsync(JsonSerializer.Serialize(e, ChainJson.Options) + "\n");
            count++;
        }
        await output.FlushAsync(ct);
        return count;
    }
}
