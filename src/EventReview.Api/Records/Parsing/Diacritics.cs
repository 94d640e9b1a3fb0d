using System.Globalization;
using System.Text;

namespace EventReview.Records.Parsing;

/// <summary>
/// Latin letters with diacritics, composed and folded by table: the application runs with invariant globalization,
/// where string.Normalize leaves non-ASCII text unchanged, so Unicode decomposition is not available.
/// </summary>
internal static class Diacritics
{
    /// <summary>
    /// Combining mark, the base letters, and the same letters with the mark, position for position (each pair
    /// checked against Python's unicodedata.normalize("NFC", letter + mark)).
    /// </summary>
    private static readonly (char Mark, string Bases, string Composed)[] Table =
    [
        ('\u0300', "AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
        ('\u0301', "AEIOUYaeiouyCcNnSsZzLlRrGg", "ÁÉÍÓÚÝáéíóúýĆćŃńŚśŹźĹĺŔŕǴǵ"),
        ('\u0302', "AEIOUaeiouCcGgHhJjSsWwYy", "ÂÊÎÔÛâêîôûĈĉĜĝĤĥĴĵŜŝŴŵŶŷ"),
        ('\u0303', "ANOanoIiUu", "ÃÑÕãñõĨĩŨũ"),
        ('\u0304', "AEIOUaeiou", "ĀĒĪŌŪāēīōū"),
        ('\u0306', "AaGgUuEeIiOo", "ĂăĞğŬŭĔĕĬĭŎŏ"),
        ('\u0307', "CcEeGgIZz", "ĊċĖėĠġİŻż"),
        ('\u0308', "AEIOUaeiouyY", "ÄËÏÖÜäëïöüÿŸ"),
        ('\u030A', "AaUu", "ÅåŮů"),
        ('\u030B', "OoUu", "ŐőŰű"),
        ('\u030C', "CcDdEeNnRrSsTtZz", "ČčĎďĚěŇňŘřŠšŤťŽž"),
        ('\u0327', "CcSsTtGgKkLlNnRr", "ÇçŞşŢţĢģĶķĻļŅņŖŗ"),
        ('\u0328', "AaEeIiUu", "ĄąĘęĮįŲų"),
    ];

    private static readonly Dictionary<(char, char), char> Compositions = Table
        .SelectMany(t => t.Bases.Zip(t.Composed, (b, c) => ((b, t.Mark), c)))
        .ToDictionary(p => p.Item1, p => p.c);

    private static readonly Dictionary<char, char> BaseLetters = Table
        .SelectMany(t => t.Composed.Zip(t.Bases, (c, b) => (c, b)))
        .ToDictionary(p => p.c, p => p.b);

    /// <summary>The precomposed letter when there is one, else the letter followed by the combining mark.</summary>
    public static void AppendComposed(StringBuilder sb, char letter, char mark)
    {
        if (Compositions.TryGetValue((letter, mark), out var composed))
        {
            sb.Append(composed);
        }
        else
        {
            sb.Append(letter).Append(mark);
        }
    }

    /// <summary>"é" and "e" + U+0301 both give "e"; other characters are unchanged.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(BaseLetters.GetValueOrDefault(c, c));
            }
        }

        return sb.ToString();
    }
}
