using System.Text.Json;
using EventReview.Hosting;

namespace EventReview.Cli.Commands;

public static class CliOutput
{
    private static readonly JsonSerializerOptions Indented = new(EventReviewJson.Options) { WriteIndented = true };

    /// <summary>Prints a report as indented JSON with the product's conventions (camelCase, kebab-case enums).</summary>
    public static void Json(object value) => Console.WriteLine(JsonSerializer.Serialize(value, Indented));
}
