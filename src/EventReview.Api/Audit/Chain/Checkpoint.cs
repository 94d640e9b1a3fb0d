using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventReview.Audit;

/// <summary>
/// A review-level commitment: after <see cref="Count"/> events (the last at <see cref="LastSequence"/> in the database
/// it was taken from) the running head was <see cref="Head"/>. Signed with a key kept outside the database, it lets
/// a later verification prove the log still extends it. LastSequence is informative only: an imported log is
/// renumbered, so verification relies on the count and the head.
/// </summary>
public sealed record Checkpoint(
    string ReviewId,
    long Count,
    long LastSequence,
    string Head,
    [property: JsonConverter(typeof(ChainTimestampConverter))] DateTimeOffset CreatedAt,
    string? Signature = null,
    string? PublicKey = null,
    string Algorithm = Checkpoint.NoSignature)
{
    public const string NoSignature = "none";

    /// <summary>A checkpoint of the events a verification found intact.</summary>
    public static Checkpoint Of(string reviewId, VerificationReport report, DateTimeOffset createdAt) =>
        report.Intact
            ? new(reviewId, report.EventsChecked, report.LastSequence ?? 0, report.Head, ChainTimestamp.Normalize(createdAt))
            : throw new AuditFormatException("A checkpoint can only be taken of an intact log.");

    public string ToJson() => JsonSerializer.Serialize(this, ChainJson.Options);

    public static Checkpoint Parse(string json)
    {
        Checkpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<Checkpoint>(json, ChainJson.Options);
        }
        catch (JsonException ex)
        {
            throw new AuditFormatException($"The checkpoint is not valid: {ex.Message}", ex);
        }
        if (checkpoint is null) throw new AuditFormatException("The checkpoint is empty.");
        if (checkpoint.Count < 0 || !HashChain.IsHash(checkpoint.Head))
            throw new AuditFormatException("The checkpoint needs a count of at least 0 and a head of 64 lowercase hexadecimal digits.");
        return checkpoint;
    }
}
