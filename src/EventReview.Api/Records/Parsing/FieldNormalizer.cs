using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace EventReview.Records.Parsing;

/// <summary>The normalizations every parser applies, so the same article reads the same from any format.</summary>
public static partial class FieldNormalizer
{
    /// <summary>Whitespace runs (line breaks included) become one space; empty becomes null.</summary>
    public static string? Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (IsNormal(value))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Every white-space character but the plain space, which the normal form keeps (one at a time).</summary>
    private static readonly SearchValues<char> OtherWhiteSpace = SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) && c != ' ')]);

    /// <summary>Already in the form <see cref="Text"/> produces: single spaces between words, none at either end.</summary>
    private static bool IsNormal(string value) =>
        value[0] != ' ' && value[^1] != ' ' && !value.AsSpan().ContainsAny(OtherWhiteSpace) && !value.Contains("  ", StringComparison.Ordinal);

    /// <summary>
    /// Bare lower-case DOI: strips https://doi.org/, dx.doi.org, "doi:" prefixes and URL escapes; null when what
    /// is left does not look like a DOI (10.prefix/suffix).
    /// </summary>
    public static string? Doi(string? value)
    {
        var s = Text(value);
        if (s is null)
        {
            return null;
        }

        var fromUrl = false;
        var host = s.IndexOf("doi.org/", StringComparison.OrdinalIgnoreCase);
        if (host >= 0)
        {
            s = s[(host + "doi.org/".Length)..];
            fromUrl = true;
        }
        else if (s.StartsWith("doi", StringComparison.OrdinalIgnoreCase) && s.Length > 3 && (s[3] == ':' || s[3] == ' '))
        {
            s = s[4..].TrimStart();
        }

        var space = s.IndexOf(' ');
        if (space >= 0)
        {
            s = s[..space];
        }

        if (fromUrl && s.Contains('%'))
        {
            s = Uri.UnescapeDataString(s);
        }

        return s.StartsWith("10.", StringComparison.Ordinal) && s.IndexOf('/') > 3 ? s.ToLowerInvariant() : null;
    }

    /// <summary>A DOI carried inside a link: doi.org URLs, OpenURL "id=doi:..." and "doi=..." query parameters.</summary>
    public static string? DoiFromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (url.Contains("doi.org/10.", StringComparison.OrdinalIgnoreCase))
        {
            return Doi(url);
        }

        var m = DoiParameter().Match(url);
        return m.Success ? Doi(Uri.UnescapeDataString(m.Groups[1].Value)) : null;
    }

    /// <summary>The first stand-alone four-digit number from 1000 to 2999: "2016/09//", "2017 Nov 15", "(2014)".</summary>
    public static int? Year(string? value)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i + 4 <= value.Length; i++)
        {
            if ((i == 0 || !char.IsAsciiDigit(value[i - 1]))
                && (value[i] == '1' || value[i] == '2')
                && char.IsAsciiDigit(value[i + 1]) && char.IsAsciiDigit(value[i + 2]) && char.IsAsciiDigit(value[i + 3])
                && (i + 4 == value.Length || !char.IsAsciiDigit(value[i + 4])))
            {
                return int.Parse(value.AsSpan(i, 4));
            }
        }

        return null;
    }

    /// <summary>Every ISSN found in the values, as 1234-567X, distinct; ISBNs and "(Print)" labels are dropped.</summary>
    public static IReadOnlyList<string> Issns(IEnumerable<string?> values) =>
        values.Where(v => v is not null)
            .SelectMany(v => IssnPattern().Matches(v!))
            .Select(m => $"{m.Groups[1].Value}-{m.Groups[2].Value.ToUpperInvariant()}")
            .Distinct()
            .ToList();

    /// <summary>Digits only ("PMID: 123" becomes "123"); null for anything else.</summary>
    public static string? Pmid(string? value)
    {
        var s = Text(value);
        if (s is null)
        {
            return null;
        }

        if (s.StartsWith("PMID", StringComparison.OrdinalIgnoreCase))
        {
            s = s[4..].TrimStart(':', ' ');
        }

        return s.Length is > 0 and <= 10 && s.All(char.IsAsciiDigit) ? s : null;
    }

    /// <summary>
    /// An accession number is a PMID only when it says so ("PMID:") or the record came from PubMed/MEDLINE (EndNote
    /// writes "NLM" as the provider); EBSCO and others also use all-digit accession numbers.
    /// </summary>
    public static string? PmidFromAccession(string? accession, params IEnumerable<string?> databases)
    {
        if (accession is null)
        {
            return null;
        }

        if (accession.TrimStart().StartsWith("PMID", StringComparison.OrdinalIgnoreCase))
        {
            return Pmid(accession);
        }

        var fromPubMed = databases.Any(d => d is not null
            && (d.Contains("NLM", StringComparison.OrdinalIgnoreCase)
                || d.Contains("PubMed", StringComparison.OrdinalIgnoreCase)
                || d.Contains("MEDLINE", StringComparison.OrdinalIgnoreCase)));
        return fromPubMed ? Pmid(accession) : null;
    }

    /// <summary>"152-160" from a page range or a start and end page; dashes of any kind become "-".</summary>
    public static string? Pages(string? pages, string? start, string? end)
    {
        var p = Text(pages);
        if (p is not null)
        {
            return Dashes(p);
        }

        var s = Text(start);
        var e = Text(end);
        if (s is null)
        {
            return e is null ? null : Dashes(e);
        }

        return e is null || e == s || s.Contains('-') ? Dashes(s) : $"{s}-{e}";
    }

    /// <summary>Splits a multi-value cell; separators inside parentheses ("cyst (diagnosis, surgery)") do not count.</summary>
    public static IEnumerable<string> Split(string? value, char separator)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : separator;
            depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
            if (c == separator && (depth == 0 || i == value.Length))
            {
                var part = value[start..i].Trim();
                if (part.Length > 0)
                {
                    yield return part;
                }

                start = i + 1;
            }
        }
    }

    private static string Dashes(string s) => s.Replace("--", "-").Replace('\u2013', '-').Replace('\u2014', '-');

    [GeneratedRegex(@"(?<![0-9Xx-])([0-9]{4})-?([0-9]{3}[0-9Xx])(?![0-9Xx-])")]
    private static partial Regex IssnPattern();

    [GeneratedRegex(@"[?&](?:id=doi:|doi=)(10\.[^&#\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex DoiParameter();
}
