using System.Text.RegularExpressions;

namespace TicketMail.Core.Content.Replies;

/// <summary>
/// Quote prefixes. '>' is the standard; some clients quote with "| " or with the author's initials
/// ("C> ", "AB> "); Prepare rewrites those to '>' so one test decides what is quoted.
/// </summary>
public static partial class QuotePrefix
{
    [GeneratedRegex(@"^(\s*)(\|(?=\s|$)|[A-Z][A-Za-z]{0,2}>)", RegexOptions.CultureInvariant)]
    private static partial Regex Other();

    public static bool IsQuoted(string line) => line.AsSpan().TrimStart().StartsWith('>');

    /// <summary>The line with a "|" or initials prefix rewritten to '>', or the line itself.</summary>
    public static string Normalize(string line)
    {
        if (line.Length == 0 || IsQuoted(line))
        {
            return line;
        }

        var m = Other().Match(line);
        // A "| a | b |" row is a table, not a quote.
        if (!m.Success || (m.Groups[2].Value == "|" && line.AsSpan(m.Length).Contains('|')))
        {
            return line;
        }

        return m.Groups[1].Value + ">" + line[m.Length..];
    }
}
