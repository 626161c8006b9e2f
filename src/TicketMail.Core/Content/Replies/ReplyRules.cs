namespace TicketMail.Core.Content.Replies;

/// <summary>
/// Step 3 of trimming: decides, on the sequence of line kinds alone, which lines are the reply. The rules
/// run in order, each narrowing the span [Start, End) of logical lines:
/// 1. bottom-posting: a message that opens with an attribution, header block or quote loses that block and keeps the text after it;
/// 2. the first attribution or header block after text cuts; quoted lines answered in between (an inline reply) are left as they are;
/// 3. a trailing quote block goes;
/// 4. a trailing signature goes (delimiter, app line, sign-off with name).
/// Null means: keep the message unchanged.
/// </summary>
public static class ReplyRules
{
    public static Range? Decide(LineKind[] kinds, IReadOnlyList<ReplyLine> lines)
    {
        var start = Skip(kinds, 0, kinds.Length, LineKind.Empty);
        if (start == kinds.Length)
        {
            return null;
        }

        if (BottomPosted(kinds, lines, start) is not { } afterQuote)
        {
            return null;
        }

        start = afterQuote;
        var end = CutAtMarker(kinds, start, kinds.Length);
        end = DropTrailingQuote(kinds, start, end);
        end = DropSignature(kinds, lines, start, end);
        return start < end ? start..end : null;
    }

    /// <summary>Rule 1. Where the new text starts: after a leading attribution and its quote block. Null: leave the message as it is.</summary>
    public static int? BottomPosted(LineKind[] kinds, IReadOnlyList<ReplyLine> lines, int start)
    {
        var first = kinds[start];
        if (first is not (LineKind.Attribution or LineKind.Header or LineKind.Quote))
        {
            return start;
        }

        // A forward's content is what the sender sends: nothing of it is history.
        if (first == LineKind.Attribution && AttributionLine.IsForward(lines[start].Text))
        {
            return null;
        }

        var j = Skip(kinds, start, kinds.Length, LineKind.Attribution, LineKind.Header, LineKind.Empty);
        j = Skip(kinds, j, kinds.Length, LineKind.Quote, LineKind.Empty);
        if (!Has(kinds, j, kinds.Length, LineKind.Text) || AnsweredQuote(kinds, j, kinds.Length))
        {
            // Nothing new below the quote, or answers between further quotes (inline): keep it all.
            return null;
        }

        return j;
    }

    /// <summary>Rule 2. The end of the reply: the first attribution or header block after text, or a quote block that nobody answers below.</summary>
    public static int CutAtMarker(LineKind[] kinds, int start, int end)
    {
        var sawText = false;
        for (var i = start; i < end; i++)
        {
            if (kinds[i] == LineKind.Text)
            {
                sawText = true;
            }
            else if (sawText && kinds[i] is LineKind.Attribution or LineKind.Header)
            {
                return i;
            }
            else if (kinds[i] == LineKind.Quote && sawText && !AnsweredQuote(kinds, i, NextMarker(kinds, i, end)))
            {
                // An unanswered quote block after the text: the rest is history. An answered one is an inline reply, kept.
                return i;
            }
        }

        return end;
    }

    /// <summary>Rule 3. Trailing quoted lines (and the blank lines between them) are not part of the reply.</summary>
    public static int DropTrailingQuote(LineKind[] kinds, int start, int end)
    {
        var e = end;
        while (e > start && kinds[e - 1] is LineKind.Quote or LineKind.Empty)
        {
            e--;
        }

        return e;
    }

    /// <summary>Rule 4. A signature after the text: from a delimiter, an app's one-line signature, or a sign-off with the name under it.</summary>
    public static int DropSignature(LineKind[] kinds, IReadOnlyList<ReplyLine> lines, int start, int end)
    {
        var textBefore = false;
        for (var i = start; i < end; i++)
        {
            if (textBefore && kinds[i] == LineKind.Delimiter)
            {
                end = i;
                break;
            }

            if (textBefore && kinds[i] == LineKind.Signature && NonEmpty(kinds, i + 1, end) <= 3)
            {
                end = i;
                break;
            }

            textBefore |= kinds[i] == LineKind.Text;
        }

        end = DropTrailingQuote(kinds, start, end);
        return DropSignOff(kinds, lines, start, end);
    }

    /// <summary>"Kind regards,\nAnn Smith\nSupport lead" or a closing "-Ann" at the very end.</summary>
    public static int DropSignOff(LineKind[] kinds, IReadOnlyList<ReplyLine> lines, int start, int end)
    {
        var seen = 0;
        for (var i = end - 1; i > start && seen <= 4; i--)
        {
            if (kinds[i] == LineKind.Empty)
            {
                continue;
            }

            if (kinds[i] != LineKind.Text || lines[i].Text.Trim().Length > 60)
            {
                break;
            }

            if (SignOff.IsClosing(lines[i].Text) && Has(kinds, start, i, LineKind.Text))
            {
                return Trailing(kinds, start, i);
            }

            if (seen == 0 && SignOff.IsDashName(lines[i].Text) && Has(kinds, start, i, LineKind.Text))
            {
                return Trailing(kinds, start, i);
            }

            seen++;
        }

        return end;
    }

    /// <summary>True when a quote block in [from, to) is followed by text: someone answered between the quoted lines.</summary>
    public static bool AnsweredQuote(LineKind[] kinds, int from, int to)
    {
        var quoted = false;
        for (var i = from; i < to; i++)
        {
            if (kinds[i] == LineKind.Quote)
            {
                quoted = true;
            }
            else if (quoted && kinds[i] == LineKind.Text)
            {
                return true;
            }
        }

        return false;
    }

    private static int NextMarker(LineKind[] kinds, int from, int end)
    {
        for (var i = from + 1; i < end; i++)
        {
            if (kinds[i] is LineKind.Attribution || (kinds[i] == LineKind.Header && kinds[i - 1] != LineKind.Header))
            {
                return i;
            }
        }

        return end;
    }

    private static int Trailing(LineKind[] kinds, int start, int end)
    {
        while (end > start && kinds[end - 1] == LineKind.Empty)
        {
            end--;
        }

        return end;
    }

    private static int Skip(LineKind[] kinds, int from, int end, params LineKind[] skip)
    {
        var i = from;
        while (i < end && Array.IndexOf(skip, kinds[i]) >= 0)
        {
            i++;
        }

        return i;
    }

    private static bool Has(LineKind[] kinds, int from, int end, LineKind kind) => Array.IndexOf(kinds, kind, from, end - from) >= 0;

    private static int NonEmpty(LineKind[] kinds, int from, int end) => Enumerable.Range(from, end - from).Count(i => kinds[i] != LineKind.Empty);
}
