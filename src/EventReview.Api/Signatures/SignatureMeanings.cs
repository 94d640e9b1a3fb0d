using EventReview.Reviews;

namespace EventReview.Signatures;

/// <summary>
/// The fixed meanings of a signature (21 CFR 11.50(a)(3)) and the role each is given under: a lead answers for the
/// screening (authorship, review, approval, responsibility); an auditor signs only that they audited the log, and only
/// the log, so an audit signature never reads as approval of the screening.
/// </summary>
public static class SignatureMeanings
{
    public const string Audit = "audit";

    public static readonly IReadOnlyList<string> All = ["authorship", "review", "approval", "responsibility", Audit];

    public static bool IsKnown(string meaning) => All.Contains(meaning);

    public static Role RoleFor(string meaning) => meaning == Audit ? Role.Auditor : Role.Lead;

    /// <summary>The scopes a meaning may sign: the audit trail for audit, the screening scopes for everything else.</summary>
    public static bool Fits(string meaning, SignatureScope scope) => meaning == Audit == (scope == SignatureScope.AuditTrail);
}
