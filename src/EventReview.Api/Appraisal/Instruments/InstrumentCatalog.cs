namespace EventReview.Appraisal;

/// <summary>The instruments EventReview ships with. A review can add its own (see <see cref="InstrumentValidation"/>).</summary>
public static class InstrumentCatalog
{
    public static IReadOnlyList<AppraisalInstrument> BuiltIn { get; } =
    [
        Rob1.Instrument,
        Rob2.Instrument,
        JbiQuasiExperimental.Instrument,
        Amstar2.Instrument,
        Sanra2.Instrument,
    ];

    public static AppraisalInstrument? Find(string id) => BuiltIn.FirstOrDefault(i => i.Id == id);

    /// <exception cref="AppraisalValidationException">The id names no built-in instrument.</exception>
    public static AppraisalInstrument Get(string id) =>
        Find(id) ?? throw new AppraisalValidationException(
            [$"unknown instrument '{id}'; built-in instruments are {string.Join(", ", BuiltIn.Select(i => i.Id))}"]);
}
