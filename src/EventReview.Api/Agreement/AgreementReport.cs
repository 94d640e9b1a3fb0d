namespace EventReview.Agreement;

/// <summary>
/// The agreement report shared by the <c>agreement</c> command and the HTTP agreement endpoint.
/// Property names give the contract's camelCase JSON names. A statistic that is undefined for the
/// data, or does not apply to it, is null, and <see cref="Notes"/> says why.
/// </summary>
public sealed record AgreementReport(
    int Items,
    IReadOnlyList<string> Raters,
    IReadOnlyList<string> Categories,
    double? PercentAgreement,
    CohenKappaResult? CohenKappa,
    WeightedKappaResult? WeightedKappa,
    FleissKappaResult? FleissKappa,
    KrippendorffAlphaResult? KrippendorffAlpha,
    GwetAc1Result? GwetAc1,
    CoefficientResult? BrennanPrediger,
    CoefficientResult? ScottPi,
    PabakResult? Pabak,
    IReadOnlyList<PairAgreement> Pairs,
    IncompleteDesignResult? IncompleteDesign,
    IReadOnlyList<string> Notes);

/// <summary>Cohen's kappa with its large-sample SE (Fleiss, Cohen and Everitt 1969), 95% CI, and z test of kappa = 0.</summary>
public sealed record CohenKappaResult(double Value, double? Se, IReadOnlyList<double>? Ci95, double? Z, double? P);

/// <summary>Weighted kappa; <see cref="Weights"/> is "linear" or "quadratic".</summary>
public sealed record WeightedKappaResult(double Value, double? Se, double? Z, double? P, string Weights);

/// <summary>Fleiss' kappa (irr::kappam.fleiss) with its z test and the category-wise kappas.</summary>
public sealed record FleissKappaResult(double Value, double? Z, double? P, IReadOnlyDictionary<string, double?> PerCategory);

/// <summary>Krippendorff's alpha; <see cref="Level"/> is nominal, ordinal, interval or ratio.</summary>
public sealed record KrippendorffAlphaResult(double Value, string Level);

/// <summary>Gwet's AC1 with its standard error (irrCAC gwet.ac1.raw).</summary>
public sealed record GwetAc1Result(double Value, double? Se);

/// <summary>A coefficient reported by its value alone.</summary>
public sealed record CoefficientResult(double Value);

/// <summary>Prevalence- and bias-adjusted kappa with the exact (Clopper-Pearson) 95% interval mapped through 2p - 1.</summary>
public sealed record PabakResult(double Value, IReadOnlyList<double> Ci95);

/// <summary>Agreement of one pair of raters on the items both rated.</summary>
public sealed record PairAgreement(IReadOnlyList<string> Raters, int Items, double? PercentAgreement, CohenKappaResult? CohenKappa);

/// <summary>
/// Kappa for designs where not every rater rated every item, each coefficient labelled with its method and the data it
/// used; <see cref="Complete"/> says whether every rater did rate every item (then all three agree on the value).
/// </summary>
public sealed record IncompleteDesignResult(
    bool Complete,
    MissingRatingsKappaResult? FleissKappa,
    MissingRatingsKappaResult? CongerKappa,
    ListwiseKappaResult? ListwiseFleissKappa);

/// <summary>
/// A kappa over all ratings as irrCAC computes it: <see cref="Items"/> rated items (the variance runs over them),
/// <see cref="PairedItems"/> of them with two or more ratings (percent agreement runs over those), 95% CI from
/// Student's t with items - 1 degrees of freedom capped at 1, and irrCAC's one-sided p-value for kappa &gt; 0.
/// </summary>
public sealed record MissingRatingsKappaResult(
    string Method,
    double Value,
    double PercentAgreement,
    double ChanceAgreement,
    double? Se,
    IReadOnlyList<double>? Ci95,
    double? P,
    int Items,
    int PairedItems,
    int Raters,
    int Ratings);

/// <summary>Fleiss' kappa on the <see cref="Items"/> every rater rated, leaving out <see cref="ItemsLeftOut"/>, with irr's two-sided z test.</summary>
public sealed record ListwiseKappaResult(string Method, double Value, double? Z, double? P, int Items, int ItemsLeftOut, int Raters);
