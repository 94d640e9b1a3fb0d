using System.Text;
using System.Text.RegularExpressions;
using EventReview.Records.Parsing;

namespace EventReview.Deduplication;

/// <summary>The normalized keys records are compared on.</summary>
public static partial class MatchKeys
{
    private static readonly Dictionary<char, string> Ligatures = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ı'] = "i",
    };

    public static string? Doi(string? doi) => FieldNormalizer.Doi(doi);

    public static string? Pmid(string? pmid) => FieldNormalizer.Pmid(pmid);

    /// <summary>
    /// Lower case, diacritics folded ("é" to "e"), markup tags removed, every run of punctuation and whitespace
    /// collapsed to one space: "<i>Vision</i> Restoration: a Review." gives "vision restoration a review".
    /// </summary>
    public static string Title(string? title) => Fold(string.IsNullOrEmpty(title) ? "" : Markup().Replace(title, " "), keepSpaces: true);

    /// <summary>
    /// The first author's family name, folded to letters only: "Dolz Marco, R." and "Dolz Marco R." give
    /// "dolzmarco"; without a comma, trailing initials are dropped ("Liu R.", "Freund KB"), otherwise the last
    /// word is the family name ("Ruth Rodríguez-Pastor" gives "rodriguezpastor").
    /// </summary>
    public static string FamilyName(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
        {
            return "";
        }

        var comma = author.IndexOf(',');
        string family;
        if (comma >= 0)
        {
            family = author[..comma];
        }
        else
        {
            var words = author.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var end = words.Length;
            while (end > 1 && IsInitials(words[end - 1]))
            {
                end--;
            }

            family = end < words.Length ? string.Join(' ', words[..end]) : words[^1];
        }

        return Fold(family, keepSpaces: false);
    }

    private static bool IsInitials(string word)
    {
        var letters = word.Count(char.IsLetter);
        return letters is >= 1 and <= 3 && word.All(c => char.IsUpper(c) || c is '.' or '-') && (word.Contains('.') || word.Length <= 3);
    }

    private static string Fold(string text, bool keepSpaces)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in Diacritics.Fold(text))
        {
            if (!char.IsLetterOrDigit(c))
            {
                pendingSpace = keepSpaces && sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            var lower = char.ToLowerInvariant(c);
            if (Ligatures.TryGetValue(lower, out var replacement))
            {
                sb.Append(replacement);
            }
            else
            {
                sb.Append(lower);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("</?[A-Za-z][A-Za-z0-9]{0,10}(?:\\s[^<>]{0,200})?/?>")]
    private static partial Regex Markup();
}
