using System.Text.RegularExpressions;

namespace TicketMail.Core.Content;

/// <summary>
/// Finds the new text of a reply: everything above the first quote header ("On … wrote:" in several
/// languages, Outlook's "From: … Sent: …" block, "-----Original Message-----", a forward header), a mobile
/// "Sent from my …" line or a "-- " signature, minus any lines quoted with '>'. Heuristics, measured
/// against tests/fixtures/content/replies. When nothing would be left, the full text is the reply.
/// </summary>
public static partial class ReplyTrimmer
{
    private const string Wrote =
        @"(wrote|writes|schrieb|a\s+écrit|a\s+ecrit|escribió|escribio|schreef|ha\s+scritto|scrisse|escreveu|skrev|kirjoitti|napisał\(a\)|napisał|napisala|написал\(а\)|написал|yazdı|írta)";

    // "On Mon, 3 Mar 2025 at 10:00, Ann <ann@x> wrote:" and its translations; the name may follow the verb ("Am … schrieb Ann:").
    [GeneratedRegex(@"^\s*(On|Am|Le|El|Op|Il|Em|Den|Dne|W\s+dniu|Pe|Kl\.)\s.{4,}" + Wrote + @"(\s.*)?:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    // "Ann <ann@x> wrote:" without a date: only a quote header when a '>' line follows.
    [GeneratedRegex(@"^.{1,200}\b" + Wrote + @"(\s.*)?:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LooseAttribution();

    [GeneratedRegex(@"^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht|Messaggio originale|Mensagem original|Ursprungligt meddelande|Opprinnelig melding|Oprindelig meddelelse|Alkuperäinen viesti|Wiadomość oryginalna)\s*-{2,}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\s*(-{5,}\s*Forwarded message\s*-{5,}|Begin forwarded message:|-{5,}\s*Weitergeleitete Nachricht\s*-{5,}|-{5,}\s*Message transféré\s*-{5,}|-{5,}\s*Mensaje reenviado\s*-{5,})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"^\s*\**(From|Von|De|Van|Da|Från|Fra|Od|Lähettäjä)\**\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\s*\**(Sent|Date|To|Subject|Gesendet|Datum|An|Betreff|Envoyé|Date|À|Objet|Enviado|Fecha|Para|Asunto|Verzonden|Aan|Onderwerp|Inviato|Data|A|Oggetto|Skickat|Till|Ämne|Sendt|Til|Emne|Wysłane|Temat|Cc)\**\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderOther();

    [GeneratedRegex(@"^\s*(Sent from my\s.+|Sent from (Yahoo|Outlook|Mail|AOL|ProtonMail|Proton Mail)\b.*|Sent via\s.+|Sent from Samsung.*|Get Outlook for \w+.*|Von meinem \S+( \S+)? gesendet.*|Gesendet von meinem\s.+|Envoyé de mon\s.+|Enviado desde mi\s.+|Enviado do meu\s.+|Verzonden (vanaf|met) mijn\s.+|Inviato da\s.+|Skickat från min\s.+|Sendt fra min\s.+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobileSignature();

    [GeneratedRegex(@"^_{10,}\s*$")]
    private static partial Regex Underscores();

    public static string Trim(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var cut = FindCut(lines);
        // Quoted lines go; so does an attribution line right above a quote ("Ann wrote:" then "> ...").
        var kept = Enumerable.Range(0, cut)
            .Where(i => !IsQuoted(lines[i]) && !(EndsWithColon(lines[i]) && QuotedFollows(lines, i) && LooseAttribution().IsMatch(lines[i])))
            .Select(i => lines[i].TrimEnd());
        var reply = string.Join('\n', kept).Trim('\n', ' ');
        return reply.Trim().Length == 0 ? text.Trim() : reply;
    }

    private static int FindCut(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsQuoted(line))
            {
                continue;
            }

            if (line is "-- " or "--" || OriginalMessage().IsMatch(line) || Forwarded().IsMatch(line) || MobileSignature().IsMatch(line))
            {
                return i;
            }

            // Both attribution patterns end in ':': the cheap test spares the backtracking regexes on every body line.
            if (EndsWithColon(line) && (Attribution().IsMatch(line) || (QuotedFollows(lines, i) && LooseAttribution().IsMatch(line))))
            {
                return i;
            }

            // Gmail and others wrap a long attribution over two or three lines.
            if (StartsAttribution(line) && JoinedAttribution(lines, i))
            {
                return i;
            }

            if ((HeaderFrom().IsMatch(line) || HeaderOther().IsMatch(line)) && HeaderBlockFollows(lines, i))
            {
                return i > 0 && Underscores().IsMatch(lines[i - 1]) ? i - 1 : i;
            }

            if (Underscores().IsMatch(line) && i + 1 < lines.Length && HeaderFrom().IsMatch(lines[i + 1]))
            {
                return i;
            }
        }

        return lines.Length;
    }

    private static bool EndsWithColon(string line) => line.AsSpan().TrimEnd().EndsWith(':');

    [GeneratedRegex(@"^\s*(On|Am|Le|El|Op|Il|Em|Den|W\s+dniu)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttributionStart();

    private static bool StartsAttribution(string line) => AttributionStart().IsMatch(line);

    private static bool JoinedAttribution(string[] lines, int start)
    {
        var joined = lines[start].Trim();
        for (var j = start + 1; j < Math.Min(lines.Length, start + 3); j++)
        {
            if (lines[j].Trim().Length == 0)
            {
                return false;
            }

            joined += " " + lines[j].Trim();
            if (Attribution().IsMatch(joined))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A quoted header block: at least three header lines in a row (From, Sent/Date, To, Subject, ...) with a
    /// From among them, as Outlook, Hotmail and Android write above the quoted message.
    /// </summary>
    private static bool HeaderBlockFollows(string[] lines, int start)
    {
        var headers = 0;
        var from = false;
        for (var j = start; j < lines.Length && j < start + 8; j++)
        {
            var isFrom = HeaderFrom().IsMatch(lines[j]);
            if (!isFrom && !HeaderOther().IsMatch(lines[j]))
            {
                // Outlook wraps a long To: line; a continuation line does not end the block.
                if (lines[j].Trim().Length > 0 && headers > 0 && j == start + headers && !lines[j].Contains(':', StringComparison.Ordinal))
                {
                    continue;
                }

                break;
            }

            from |= isFrom;
            headers++;
        }

        return from && headers >= 3;
    }

    private static bool QuotedFollows(string[] lines, int index)
    {
        for (var j = index + 1; j < lines.Length; j++)
        {
            if (lines[j].Trim().Length > 0)
            {
                return IsQuoted(lines[j]);
            }
        }

        return false;
    }

    private static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');
}
