namespace EventReview.Records.Parsing;

/// <summary>
/// BibTeX: "@type{key, name = {value} | "value" | number | macro [# ...], ...}". Field names are taken verbatim up
/// to "=", so Scopus's "funding_text 1" works; values are decoded from LaTeX. Text outside entries is a comment,
/// as in BibTeX itself. After a malformed entry, parsing resumes at the next line that starts with "@".
/// </summary>
internal static class BibtexParser
{
    public static IEnumerable<ParseResult> Parse(TextReader reader, ParserLimits limits)
    {
        var input = new CharReader(reader, limits.MaxRecordLength);
        var macros = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["jan"] = "January", ["feb"] = "February", ["mar"] = "March", ["apr"] = "April", ["may"] = "May", ["jun"] = "June",
            ["jul"] = "July", ["aug"] = "August", ["sep"] = "September", ["oct"] = "October", ["nov"] = "November", ["dec"] = "December",
        };
        var results = 0;
        var badLine = -1;
        while (true)
        {
            var c = input.Read();
            if (c < 0)
            {
                break;
            }

            if (TextChecks.IsControl((char)c))
            {
                if (input.Line > badLine + 1)
                {
                    results++;
                    yield return new ParseError(input.Line, TextChecks.BinaryMessage);
                }

                badLine = input.Line;
                continue;
            }

            if (c != '@')
            {
                continue;
            }

            var entry = new BibtexEntryReader(input, limits, macros).Read();
            if (entry is not null)
            {
                results++;
                yield return entry;
            }
        }

        if (results == 0)
        {
            yield return new ParseError(1, "no BibTeX entry found (no '@type{' line)");
        }
    }
}
