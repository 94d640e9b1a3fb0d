using EventReview.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace EventReview.Records;

/// <summary>
/// A record document as a row of a binary COPY, column for column as Marten stores it (its JSON, the stream version,
/// the type name and the duplicated columns): written by the bulk import and by the rebuild.
/// </summary>
public static class RecordDocumentCopy
{
    public static string Target { get; } = $"{EventStoreSetup.Schema}.mt_doc_recordstate (id, data, mt_version, mt_dotnet_type, "
        + string.Join(", ", RecordsSetup.Columns.Select(c => c.Column)) + ")";

    public static async Task WriteAsync(NpgsqlBinaryImporter writer, RecordState state, Marten.ISerializer serializer, CancellationToken ct)
    {
        await writer.WriteAsync(state.Id, NpgsqlDbType.Uuid, ct);
        await writer.WriteAsync(serializer.ToJson(state), NpgsqlDbType.Jsonb, ct);
        await writer.WriteAsync(state.Version, NpgsqlDbType.Bigint, ct);
        await writer.WriteAsync(typeof(RecordState).FullName!, NpgsqlDbType.Varchar, ct);
        foreach (var column in RecordsSetup.Columns) await writer.WriteAsync(column.Value(state), column.Type, ct);
    }
}
