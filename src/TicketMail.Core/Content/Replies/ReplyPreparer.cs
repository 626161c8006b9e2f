namespace TicketMail.Core.Content.Replies;

/// <summary>
/// Step 1 of trimming: turns the text into logical lines. Quote prefixes are normalised to '>', lines
/// inside fenced code and the tail of a wrapped "&lt;http://…&gt;" link are protected from being read as
/// quotes, and an attribution that a client wrapped over several lines (blank lines between the parts
/// allowed) becomes one logical line when the joined text is an attribution.
/// </summary>
public static class ReplyPreparer
{
    /// <summary>How many physical lines a wrapped attribution may span.</summary>
    public const int MaxAttributionLines = 6;

    public static List<ReplyLine> Prepare(IReadOnlyList<string> lines)
    {
        var raw = Protect(lines);
        var result = new List<ReplyLine>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var line = raw[i];
            if (!line.Protected && !line.IsBlank && !QuotePrefix.IsQuoted(line.Text) && Joined(raw, i) is { } joined)
            {
                result.Add(joined);
                i = joined.Last;
                continue;
            }

            result.Add(line);
        }

        return result;
    }

    private static List<ReplyLine> Protect(IReadOnlyList<string> lines)
    {
        var result = new List<ReplyLine>(lines.Count);
        var fenced = false;
        var openLink = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var fence = line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            var protect = fenced || fence || (openLink && line.TrimStart().StartsWith('>'));
            result.Add(new ReplyLine(protect ? line : QuotePrefix.Normalize(line), i, i, protect));
            fenced ^= fence;
            // "<http://…" or "Name <ann@" wrapped before its '>': the next line's '>' closes it, it quotes nothing.
            var at = line.LastIndexOf('<');
            openLink = at >= 0 && line.IndexOf('>', at) < 0 && (at == line.Length - 1 || !char.IsWhiteSpace(line[at + 1]));
        }

        return result;
    }

    /// <summary>The attribution that starts at <paramref name="start"/> and ends a few lines later, or null.</summary>
    private static ReplyLine? Joined(List<ReplyLine> lines, int start)
    {
        var first = lines[start].Text.Trim();
        if (first.Length > 200 || !AttributionLine.CouldStart(first) || AttributionLine.IsMatch(first, QuoteFollows(lines, start)) || EndsSentence(first))
        {
            return null;
        }

        var joined = first;
        var physical = 1;
        for (var j = start + 1; j < lines.Count && physical < MaxAttributionLines && j - start < 2 * MaxAttributionLines; j++)
        {
            var next = lines[j];
            if (next.IsBlank)
            {
                continue;
            }

            var text = next.Text.Trim();
            if ((next.Protected && !text.StartsWith('>')) || (!next.Protected && QuotePrefix.IsQuoted(text)) || text.Length > 200 || AttributionLine.IsComplete(text))
            {
                return null;
            }

            if (EndsSentence(joined))
            {
                // "On the one hand, …." is a sentence, not the start of an attribution.
                return null;
            }

            joined += " " + text;
            physical++;
            var ends = text.EndsWith(':') || text.EndsWith('：') || Undecorated.WasDecorated(text) || QuoteFollows(lines, j);
            if (ends && AttributionLine.IsMatch(joined, QuoteFollows(lines, j)))
            {
                return new ReplyLine(joined, start, j);
            }
        }

        return null;
    }

    private static bool EndsSentence(string text) => text.TrimEnd('\'', '"', ')', '’', '”', ' ') is { Length: > 0 } t && t[^1] is '.' or '!' or '?' or '。' or '！' or '？';

    internal static bool QuoteFollows(List<ReplyLine> lines, int index)
    {
        for (var j = index + 1; j < lines.Count; j++)
        {
            if (!lines[j].IsBlank)
            {
                return !lines[j].Protected && QuotePrefix.IsQuoted(lines[j].Text);
            }
        }

        return false;
    }
}
