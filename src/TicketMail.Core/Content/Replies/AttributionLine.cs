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
        if (Separator().IsMatch(s))
        {
            // "Original Message" in running text is not a marker: it needs its dashes or its colon.
            return decorated || s.EndsWith(':') || s.EndsWith('：');
        }

        if (Cjk().IsMatch(s))
        {
            return true;
        }

        if (LeadAndVerb().IsMatch(s))
        {
            // A colon, decoration, a quote below, or a date or address in it: "On Monday I wrote to them" is text.
            return s.EndsWith(':') || s.EndsWith('：') || decorated || quoteFollows || Address().IsMatch(s) || TimeOrYear().IsMatch(s);
        }

        // The pattern ends in a colon; testing that first spares its backtracking scan on every other line
        // (it was the trimmer's costliest regex: ~5 % of a batch's CPU on lines that end without one).
        if (EndsWithColon(s) && VerbAndColon().IsMatch(s))
        {
            return quoteFollows || Address().IsMatch(s) || TimeOrYear().IsMatch(s);
        }

        // Gmail in some languages has no verb: "<date>, <time>, Name <addr>:"; some clients start with an ISO date and time.
        return EndsWithColon(s) && s.Length <= 250 && ((Address().IsMatch(s) && TimeOrYear().IsMatch(s)) || IsoDateTime().IsMatch(s));
    }

    private static bool EndsWithColon(string s) => s.EndsWith(':') || s.EndsWith('：');

    [GeneratedRegex(Lead, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadWord();

    /// <summary>Could a wrapped attribution start here: an opening word ("On", "Am", …), a date or time, or an address.</summary>
    public static bool CouldStart(string line) =>
        LeadWord().IsMatch(line.Trim()) || TimeOrYear().IsMatch(line) || line.Contains('@', StringComparison.Ordinal) || line.Contains('<', StringComparison.Ordinal);

    /// <summary>An attribution that needs no line above it: it opens with "On …" (or a translation) or is a separator.</summary>
    public static bool IsComplete(string line)
    {
        var s = Undecorated.Of(line);
        return (LeadWord().IsMatch(s) || Separator().IsMatch(s) || (s.Length > 0 && char.IsDigit(s[0]))) && IsMatch(line, quoteFollows: false);
    }

    /// <summary>A forward marker: what follows is the content itself, not history to hide.</summary>
    public static bool IsForward(string line) => ForwardSeparator().IsMatch(Undecorated.Of(line));
}
