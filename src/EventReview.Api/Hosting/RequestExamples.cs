using System.Text.Json.Nodes;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Searches;
using EventReview.Signatures;

namespace EventReview.Hosting;

/// <summary>
/// One example body for each of the main commands, shown with its schema in the OpenAPI document (and so in /docs).
/// The values follow the seed review (Amin et al. 2025); a test reads each example back into its command.
/// </summary>
public static class RequestExamples
{
    public static IReadOnlyDictionary<Type, string> All { get; } = new Dictionary<Type, string>
    {
        [typeof(CreateReview)] = """{"title":"Probiotics for irritable bowel syndrome in adults","question":"Do probiotics improve global symptoms of IBS in adults compared with placebo?"}""",
        [typeof(AddMember)] = """{"userId":"screener-2","name":"Dana Okafor","roles":["screener"]}""",
        [typeof(ConfigureStage)] = """{"reviewersPerRecord":2,"blinded":true,"reasonRequiredOnExclude":true}""",
        [typeof(AddExclusionReason)] = """{"code":"wrong-population","label":"Wrong population","stage":"full-text"}""",
        [typeof(AddSearch)] = """{"source":"MEDLINE","kind":"database","platform":"Ovid","query":"exp Irritable Bowel Syndrome/ AND exp Probiotics/","searchedOn":"2024-03-01","reportedCount":412}""",
        [typeof(CastVote)] = """{"stage":"full-text","decision":"exclude","reasonCode":"wrong-population","note":"Children aged 6-12"}""",
        [typeof(ResolveConflict)] = """{"stage":"title-abstract","decision":"include","note":"Adults are a subgroup; retrieve the full text"}""",
        [typeof(ReopenStage)] = """{"stage":"title-abstract","reason":"The second screener misread the eligibility criteria"}""",
        [typeof(ReportRetrieval)] = """{"retrieved":false,"note":"Conference abstract only; authors did not reply"}""",
        [typeof(SignOff)] = """{"scope":"included-set","meaning":"approval"}""",
    };

    public static JsonNode? For(Type type) => All.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;
}
