namespace TicketMail.Core.Content.Replies;

/// <summary>
/// Step 2 of trimming: one <see cref="LineKind"/> per logical line. Each kind has its own small
/// classifier; this type only orders them and adds the context a header block needs.
/// </summary>
public static class LineClassifier
{
    public static LineKind[] Classify(IReadOnlyList<ReplyLine> lines)
    {
        var list = lines as List<ReplyLine> ?? lines.ToList();
        var kinds = new LineKind[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var line = list[i];
            if (line.IsBlank)
            {
                kinds[i] = LineKind.Empty;
                continue;
            }

            if (line.Protected)
            {
                kinds[i] = LineKind.Text;
                continue;
            }

            if (AttributionLine.IsMatch(line.Text, ReplyPreparer.QuoteFollows(list, i)))
            {
                kinds[i] = LineKind.Attribution;
                if (RuleAbove(list, i) is >= 0 and var above)
                {
                    // "=====" or "-----" drawn above the attribution belongs to it.
                    kinds[above] = LineKind.Attribution;
                }

                continue;
            }

            if (QuotePrefix.IsQuoted(line.Text))
            {
                kinds[i] = LineKind.Quote;
                continue;
            }

            var rule = RuleAbove(list, i);
            var block = HeaderBlock.Length(list, i, rule >= 0);
            if (block > 0)
            {
                if (rule >= 0)
                {
                    kinds[rule] = LineKind.Header;
                }

                Array.Fill(kinds, LineKind.Header, i, block);
                i += block - 1;
                continue;
            }

            kinds[i] = SignatureLine.IsDelimiter(line.Text) ? LineKind.Delimiter
                : SignatureLine.IsSignature(line.Text) ? LineKind.Signature
                : LineKind.Text;
        }

        MendBrokenQuotes(kinds, list);
        return kinds;
    }

    /// <summary>
    /// Clients that re-wrap a quote leave the tail of a long quoted line unquoted ("> … d" / "ignissim odio?" /
    /// "> …"): one short text line squeezed between quoted lines, right under a long one, is part of the quote.
    /// </summary>
    private static void MendBrokenQuotes(LineKind[] kinds, List<ReplyLine> lines)
    {
        for (var i = 1; i + 1 < kinds.Length; i++)
        {
            if (kinds[i] == LineKind.Text && kinds[i - 1] == LineKind.Quote && lines[i - 1].Text.Length >= 60
                && (kinds[i + 1] == LineKind.Quote || (kinds[i + 1] == LineKind.Empty && i + 2 < kinds.Length && kinds[i + 2] == LineKind.Quote)))
            {
                kinds[i] = LineKind.Quote;
            }
        }
    }

    /// <summary>The rule line ("-----", "_____") just above, blank lines between allowed; -1 when none.</summary>
    private static int RuleAbove(List<ReplyLine> lines, int index)
    {
        for (var j = index - 1; j >= 0 && j >= index - 3; j--)
        {
            if (lines[j].IsBlank)
            {
                continue;
            }

            return HeaderField.IsRule(lines[j].Text) ? j : -1;
        }

        return -1;
    }
}
