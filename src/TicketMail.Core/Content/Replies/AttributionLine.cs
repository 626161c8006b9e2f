using System.Text.RegularExpressions;

namespace TicketMail.Core.Content.Replies;

/// <summary>
/// Recognises the line that introduces an embedded message: "On … wrote:" in many languages (the verb
/// may lack its colon, the line may be decorated), "Name &lt;addr&gt; wrote:" when a quote follows,
/// Gmail's verb-less "ср, 30 апр. 2025 г. в 15:19, Name &lt;addr&gt;:", the CJK forms, GroupWise's
/// "&gt;&gt;&gt; Name 1/2/2025 &gt;&gt;&gt;", and the "Original Message" / forward separators.
/// </summary>
public static partial class AttributionLine
{
    private const string Verbs =
        @"(?<![\p{L}])(wrote|writes|has written|schrieb|schreibt|hat geschrieben|a\s+écrit|a\s+ecrit|écrit|escribió|escribio|escreveu|schreef|heeft geschreven|ha\s+scritto|scrisse|skrev|kirjoitti|napisał\(a\)|napisała|napisał|napisal|napsal\(a\)|napsala|napsal|написал\(а\)|написала|написал|написав|пишет|пише|написа|pisze|yazdı|írta|đã viết|έγραψε|a\s+scris|kirjutas|rašė|rakstīja|je\s+napisao|je\s+napisal|napisao|escrigué|skrifaði)(?![\p{L}])";

    private const string Lead =
        @"^(On|Am|Le|El|Op|Il|Em|Den|Dne|Dnia|W\s+dniu|Pe|Kl\.|Στις|В|У|Vào|Ngày|På|Den\s+\d)\b";

    [GeneratedRegex(Lead + @".{3,}" + Verbs + @"(\s+[^:]{0,120})?\s*[:：]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadAndVerb();

    [GeneratedRegex(@"^.{1,250}" + Verbs + @"(\s+[^:]{0,120})?\s*[:：]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VerbAndColon();

    [GeneratedRegex(@"[\w.+'-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    [GeneratedRegex(@"\d{1,2}[:.h]\d{2}|\b(19|20)\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOrYear();

    [GeneratedRegex(@"(写道|寫道|のメッセージ|書きました|작성)\s*[:：]?$|^在.{4,}(写道|寫道)", RegexOptions.CultureInvariant)]
    private static partial Regex Cjk();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^>>>.*>>>$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupWise();

    [GeneratedRegex(@"^(Original Message|Original Email|Ursprüngliche Nachricht|Originalnachricht|Message d'origine|Message original|Mensaje original|Oorspronkelijk bericht|Origineel bericht|Messaggio originale|Mensagem original|Mensagem Original|Ursprungligt meddelande|Originalmeddelande|Opprinnelig melding|Oprindelig meddelelse|Oprindelig besked|Alkuperäinen viesti|Wiadomość oryginalna|Oryginalna wiadomość|Původní zpráva|Pôvodná správa|Eredeti üzenet|Mesaj original|Αρχικό μήνυμα|Orijinal mesaj|Исходное сообщение|Оригинальное сообщение|Вихідне повідомлення|原始邮件|原始郵件|元のメッセージ|원본 메시지|Forwarded message|Forwarded Message|Begin forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Mensagem encaminhada|Messaggio inoltrato|Doorgestuurd bericht|Vidarebefordrat meddelande|Videresendt meddelelse|Videresendt melding|Välitetty viesti|Przekazana wiadomość|Пересылаемое сообщение|转发的邮件|轉寄的郵件|Reply above this line)\s*[:：]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(Forwarded message|Forwarded Message|Begin forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Mensagem encaminhada|Messaggio inoltrato|Doorgestuurd bericht|Vidarebefordrat meddelande|Videresendt meddelelse|Videresendt melding|Välitetty viesti|Przekazana wiadomość|Пересылаемое сообщение|转发的邮件|轉寄的郵件)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardSeparator();

    /// <summary>True for a line that introduces an embedded message. <paramref name="quoteFollows"/>: the next non-blank line is quoted.</summary>
    public static bool IsMatch(string line, bool quoteFollows)
    {
        var raw = line.Trim();
        if (raw.Length is 0 or > 400)
        {
            return false;
        }

        if (GroupWise().IsMatch(raw))
        {
            return true;
        }

        var s = Undecorated.Of(raw);
        var decorated = Undecorated.WasDecorated(raw);
        if (CouldBeSeparator(s) && Separator().IsMatch(s))
        {
            // "Original Message" in running text is not a marker: it needs its dashes or its colon.
            return decorated || s.EndsWith(':') || s.EndsWith('：');
        }

        // Every CJK form has a non-ASCII word; on an ASCII line the pattern's scan for them (a probabilistic
        // search, 9 % of a batch's CPU) is skipped.
        if (s.AsSpan().ContainsAnyExceptInRange('\u0000', '\u007F') && Cjk().IsMatch(s))
        {
            return true;
        }

        if (LeadAndVerb().IsMatch(s))
        {
            // A colon, decoration, a quote below, or a date or address in it: "On Monday I wrote to them" is text.
            return s.EndsWith(':') || s.EndsWith('：') || decorated || quoteFollows || Address().IsMatch(s) || HasTimeOrYear(s);
        }

        // The pattern ends in a colon; testing that first spares its backtracking scan on every other line
        // (it was the trimmer's costliest regex: ~5 % of a batch's CPU on lines that end without one).
        if (EndsWithColon(s) && VerbAndColon().IsMatch(s))
        {
            return quoteFollows || Address().IsMatch(s) || HasTimeOrYear(s);
        }

        // Gmail in some languages has no verb: "<date>, <time>, Name <addr>:"; some clients start with an ISO date and time.
        return EndsWithColon(s) && s.Length <= 250 && ((Address().IsMatch(s) && HasTimeOrYear(s)) || IsoDateTime().IsMatch(s));
    }

    private static bool EndsWithColon(string s) => s.EndsWith(':') || s.EndsWith('：');

    /// <summary>The longest separator phrase ("Vidarebefordrat meddelande").</summary>
    private const int LongestSeparator = 26;

    /// <summary>
    /// The separator pattern spans the whole line: a phrase, then only white space and a colon. Without those at its
    /// end a longer line cannot match, so the case-insensitive alternation is tried on short lines only.
    /// </summary>
    private static bool CouldBeSeparator(string s)
    {
        var end = s.Length;
        while (end > 0 && (char.IsWhiteSpace(s[end - 1]) || s[end - 1] is ':' or '：'))
        {
            end--;
        }

        // (IgnoreCase matches one character with one: the phrase keeps its length.)
        return end <= LongestSeparator;
    }

    /// <summary>
    /// <see cref="TimeOrYear"/> without its scan of every digit of every line (it ran on each line a wrapped
    /// attribution could start on): a time ("9:30", "9.30", "9h30") is found here, the same way; the pattern only
    /// decides a possible year, for its word boundaries. (\d is char.IsDigit: Unicode decimal digits both.)
    /// </summary>
    private static bool HasTimeOrYear(string s)
    {
        var span = s.AsSpan();
        for (var i = span.IndexOfAny(':', '.', 'h'); i >= 0 && i < span.Length; i = NextSeparator(span, i + 1))
        {
            if (i > 0 && i + 2 < span.Length && char.IsDigit(span[i - 1]) && char.IsDigit(span[i + 1]) && char.IsDigit(span[i + 2]))
            {
                return true;
            }
        }

        for (var i = 0; i + 3 < span.Length; i++)
        {
            if (((span[i] == '1' && span[i + 1] == '9') || (span[i] == '2' && span[i + 1] == '0')) && char.IsDigit(span[i + 2]) && char.IsDigit(span[i + 3]))
            {
                return TimeOrYear().IsMatch(s);
            }
        }

        return false;
    }

    private static int NextSeparator(ReadOnlySpan<char> span, int from) =>
        span[from..].IndexOfAny(':', '.', 'h') is var next and >= 0 ? from + next : -1;

    [GeneratedRegex(Lead, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadWord();

    /// <summary>Could a wrapped attribution start here: an opening word ("On", "Am", …), a date or time, or an address.</summary>
    public static bool CouldStart(string line) =>
        line.Contains('@', StringComparison.Ordinal) || line.Contains('<', StringComparison.Ordinal) || LeadWord().IsMatch(line.Trim()) || HasTimeOrYear(line);

    /// <summary>An attribution that needs no line above it: it opens with "On …" (or a translation) or is a separator.</summary>
    public static bool IsComplete(string line)
    {
        var s = Undecorated.Of(line);
        return (LeadWord().IsMatch(s) || (CouldBeSeparator(s) && Separator().IsMatch(s)) || (s.Length > 0 && char.IsDigit(s[0]))) && IsMatch(line, quoteFollows: false);
    }

    /// <summary>A forward marker: what follows is the content itself, not history to hide.</summary>
    public static bool IsForward(string line) => ForwardSeparator().IsMatch(Undecorated.Of(line));
}
