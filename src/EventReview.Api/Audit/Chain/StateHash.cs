using System.Security.Cryptography;
using System.Text;

namespace EventReview.Audit;

/// <summary>
/// The hash a lead signs off: the review, the scope (such as a stage) and every record with its decision.
/// Putting this hash in the sign-off event ties the signature to exactly that state, so it cannot be moved to
/// other records, another stage or another review.
/// </summary>
public static class StateHash
{
    /// <summary>SHA-256 (hex) of RFC 8785 JSON {"entries":{recordId:decision,...},"format":"eventreview-state","reviewId":..,"scope":..}.
    /// The order of <paramref name="entries"/> does not matter.</summary>
    public static string Of(string reviewId, string scope, IEnumerable<(string RecordId, string Decision)> entries)
    {
        var sorted = entries.OrderBy(e => e.RecordId, StringComparer.Ordinal).ToList();
        var json = new StringBuilder("{\"entries\":{");
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                if (sorted[i].RecordId == sorted[i - 1].RecordId)
                    throw new AuditFormatException($"Record {sorted[i].RecordId} appears twice in the signed state.");
                json.Append(',');
            }
            Jcs.AppendString(json, sorted[i].RecordId);
            json.Append(':');
            Jcs.AppendString(json, sorted[i].Decision);
        }
        json.Append("},\"format\":\"eventreview-state\",\"reviewId\":");
        Jcs.AppendString(json, reviewId);
        json.Append(",\"scope\":");
        Jcs.AppendString(json, scope);
        json.Append('}');
        return Convert.ToHexStringLower(SHA256.HashData(Jcs.ToUtf8(json.ToString())));
    }
}
