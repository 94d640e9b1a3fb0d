using EventReview.Hosting;
using System.Text.Json.Serialization;

namespace EventReview.Records.Parsing;

[JsonConverter(typeof(KebabCaseEnumConverter<BibFormat>))]
public enum BibFormat
{
    Auto,
    Ris,
    Medline,
    Bibtex,
    EndnoteXml,
    Wos,
    Csv,
}

/// <summary>The format names used on the command line and in the HTTP API.</summary>
public static class BibFormats
{
    private static readonly (BibFormat Format, string Name)[] Names =
    [
        (BibFormat.Auto, "auto"), (BibFormat.Ris, "ris"), (BibFormat.Medline, "medline"), (BibFormat.Bibtex, "bibtex"),
        (BibFormat.EndnoteXml, "endnote-xml"), (BibFormat.Wos, "wos"), (BibFormat.Csv, "csv"),
    ];

    public static string Name(this BibFormat format) => Names.First(n => n.Format == format).Name;

    public static bool TryParse(string? name, out BibFormat format)
    {
        foreach (var (f, n) in Names)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }

        format = BibFormat.Auto;
        return false;
    }

    /// <exception cref="BibFormatException">The name is not one of auto, ris, medline, bibtex, endnote-xml, wos, csv.</exception>
    public static BibFormat Parse(string? name) => TryParse(name, out var format)
        ? format
        : throw new BibFormatException(
            $"Unknown format '{name}'; expected one of {string.Join(", ", Names.Select(n => n.Name))}.");
}

/// <summary>An unknown format name; the message is one line, fit for stderr or a 400 problem detail.</summary>
public sealed class BibFormatException : Exception
{
    public BibFormatException() { }
    public BibFormatException(string message) : base(message) { }
    public BibFormatException(string message, Exception innerException) : base(message, innerException) { }
}
