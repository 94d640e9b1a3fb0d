using System.Text;

namespace EventReview.Records.Parsing;

/// <summary>
/// Turns the LaTeX found in BibTeX values into plain Unicode: accents ({\"o}, \'e, \c{c}), named letters (\ss, \o),
/// escaped specials (\&amp;, \%), dashes (-- and ---), ~ and grouping braces. Unknown commands are dropped and
/// their argument kept ("\emph{word}" gives "word").
/// </summary>
internal static class LatexDecoder
{
    private static readonly Dictionary<char, char> SymbolAccents = new()
    {
        ['`'] = '\u0300', ['\''] = '\u0301', ['^'] = '\u0302', ['~'] = '\u0303', ['='] = '\u0304', ['.'] = '\u0307', ['"'] = '\u0308',
    };

    private static readonly Dictionary<string, char> LetterAccents = new()
    {
        ["u"] = '\u0306', ["r"] = '\u030A', ["H"] = '\u030B', ["v"] = '\u030C', ["d"] = '\u0323', ["c"] = '\u0327', ["k"] = '\u0328', ["b"] = '\u0331',
    };

    private static readonly Dictionary<string, string> Named = new()
    {
        ["ss"] = "ß", ["o"] = "ø", ["O"] = "Ø", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ", ["aa"] = "å", ["AA"] = "Å",
        ["l"] = "ł", ["L"] = "Ł", ["i"] = "ı", ["j"] = "ȷ", ["textendash"] = "–", ["textemdash"] = "—", ["ldots"] = "…",
        ["dots"] = "…", ["textquoteleft"] = "‘", ["textquoteright"] = "’", ["textquotedblleft"] = "“", ["textquotedblright"] = "”",
        ["textregistered"] = "®", ["texttrademark"] = "™", ["copyright"] = "©", ["textdegree"] = "°", ["S"] = "§", ["P"] = "¶",
    };

    public static string Decode(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '{' or '}' or '$':
                    break;
                case '~':
                    sb.Append(' ');
                    break;
                case '\\':
                    i = Command(value, i, sb);
                    break;
                case '-' when At(value, i + 1) == '-':
                    var em = At(value, i + 2) == '-';
                    sb.Append(em ? '—' : '–');
                    i += em ? 2 : 1;
                    break;
                case '`' when At(value, i + 1) == '`':
                    sb.Append('“');
                    i++;
                    break;
                case '\'' when At(value, i + 1) == '\'':
                    sb.Append('”');
                    i++;
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Only braces and backslash escapes: for URLs and DOIs, where ~ and -- are literal.</summary>
    public static string DecodeVerbatim(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length && !char.IsAsciiLetter(value[i + 1]))
            {
                sb.Append(value[++i]);
            }
            else if (c is not '{' and not '}')
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    /// <summary>Decodes the command starting at the backslash at <paramref name="i"/>; returns the index of its last character.</summary>
    private static int Command(string s, int i, StringBuilder sb)
    {
        var next = At(s, i + 1);
        if (SymbolAccents.TryGetValue(next, out var mark))
        {
            return Accented(s, i + 2, mark, sb);
        }

        if (!char.IsAsciiLetter(next))
        {
            if (next != '\0')
            {
                sb.Append(next is '\\' or ',' or ';' or ' ' ? ' ' : next);
            }

            return i + 1;
        }

        var end = i + 1;
        while (end < s.Length && char.IsAsciiLetter(s[end]))
        {
            end++;
        }

        var name = s[(i + 1)..end];
        if (LetterAccents.TryGetValue(name, out mark) && (At(s, end) is ' ' or '{'))
        {
            return Accented(s, At(s, end) == ' ' ? end + 1 : end, mark, sb);
        }

        if (Named.TryGetValue(name, out var text))
        {
            sb.Append(text);
            if (At(s, end) == '{' && At(s, end + 1) == '}')
            {
                return end + 1;
            }

            return At(s, end) == ' ' ? end : end - 1;
        }

        return At(s, end) == ' ' ? end : end - 1;
    }

    /// <summary>An accent's argument: a letter, {letter}, \i or {\i}; the combining mark follows the letter.</summary>
    private static int Accented(string s, int j, char mark, StringBuilder sb)
    {
        var braced = At(s, j) == '{';
        if (braced)
        {
            j++;
        }

        if (At(s, j) == '\\' && At(s, j + 1) is 'i' or 'j')
        {
            j++;
        }

        var letter = At(s, j);
        if (letter == '\0' || (braced && letter == '}'))
        {
            return braced ? j : j - 1;
        }

        Diacritics.AppendComposed(sb, letter, mark);
        return braced && At(s, j + 1) == '}' ? j + 1 : j;
    }
}
