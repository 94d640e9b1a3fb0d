using System.CommandLine;
using EventReview.Agreement;

namespace EventReview.Cli.Commands;

public static class AgreementCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Long-format ratings: a CSV with header item,rater,label." };
        var weights = new Option<string?>("--weights") { Description = "none|linear|quadratic" };
        var categories = new Option<string?>("--categories") { Description = "The ordered categories, comma-separated." };
        var level = new Option<string?>("--level") { Description = "Krippendorff's level: nominal|ordinal|interval|ratio" };
        var command = new Command("agreement", "Inter-rater agreement: Cohen, weighted and Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 and more.")
        {
            file, weights, categories, level,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new FileNotFoundException($"No such file: {path.FullName}");
            var options = AgreementOptions.Parse(parse.GetValue(weights), parse.GetValue(categories), parse.GetValue(level));
            using var reader = path.OpenText();
            var report = AgreementCalculator.Compute(RatingsCsv.Read(reader), options);
            CliOutput.Json(report);
            return 0;
        });
        return command;
    }
}
