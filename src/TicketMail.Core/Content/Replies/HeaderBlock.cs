namespace TicketMail.Core.Content.Replies;

/// <summary>
/// A quoted header block: From plus at least one more field (Sent/Date, To, Subject, …) in a row, as
/// Outlook, Hotmail and Android write above the quoted message. Wrapped values, one unknown field in the
/// middle and a blank line between fields are allowed; a lone "From: Name &lt;addr&gt;" counts under a rule.
/// </summary>
public static class HeaderBlock
{
    private const int MaxLines = 16;

    /// <summary>How many logical lines the block that starts at <paramref name="start"/> spans, or 0 when none does.</summary>
    public static int Length(IReadOnlyList<ReplyLine> lines, int start, bool ruleAbove)
    {
        if (HeaderField.Of(lines[start].Text) is not (HeaderFieldKind.From or HeaderFieldKind.Other))
        {
            return 0;
        }

        var known = 0;
        var from = false;
        var unknown = 0;
        var continuation = 0;
        var end = start;
        for (var j = start; j < lines.Count && j < start + MaxLines; j++)
        {
            var line = lines[j];
            if (line.Protected || QuotePrefix.IsQuoted(line.Text))
            {
                break;
            }

            if (line.IsBlank)
            {
                // Some clients leave a blank line between fields; a blank before anything else ends the block.
                if (j + 1 < lines.Count && HeaderField.Of(lines[j + 1].Text) is HeaderFieldKind.From or HeaderFieldKind.Other && known < 4)
                {
                    continue;
                }

                break;
            }

            switch (HeaderField.Of(line.Text))
            {
                case HeaderFieldKind.From:
                    if (from)
                    {
                        // A second From starts the next quoted message's block.
                        return Valid(known, from, ruleAbove, end, start);
                    }

                    from = true;
                    known++;
                    continuation = 0;
                    end = j;
                    continue;
                case HeaderFieldKind.Other:
                    known++;
                    continuation = 0;
                    end = j;
                    continue;
                case HeaderFieldKind.Unknown when known > 0 && unknown == 0:
                    unknown++;
                    continue;
                case HeaderFieldKind.None when known > 0 && continuation < 2 && j == end + 1:
                    // A long To: or Subject: wrapped onto the next line.
                    continuation++;
                    end = j;
                    continue;
            }

            break;
        }

        return Valid(known, from, ruleAbove, end, start);
    }

    private static int Valid(int known, bool from, bool ruleAbove, int end, int start) =>
        from && (known >= 2 || ruleAbove) ? end - start + 1 : 0;
}
