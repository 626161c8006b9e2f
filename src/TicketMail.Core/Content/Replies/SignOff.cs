using System.Text.RegularExpressions;

namespace TicketMail.Core.Content.Replies;

/// <summary>
/// The closing a reply ends with ("Kind regards,", "Med venlig hilsen", "Pozdrawiam,", "-Ann", "/John")
/// and the few short lines of name and title under it: part of the signature, not of the reply.
/// </summary>
public static partial class SignOff
{
    [GeneratedRegex(@"^((best|kind|warm|warmest|kindest|many|with|yours)\s+)?(regards|wishes|greetings)([\s,]+.{0,30})?$|^(best|cheers|sincerely|yours sincerely|yours truly|yours|thanks and regards|thanks & regards|respectfully|all the best|take care)$|^(mit )?(freundlichen|besten|herzlichen|lieben|schönen|viele|beste|liebe|herzliche)( grüßen| grüssen| grüße| grüsse| gruß| gruss)$|^(gruß|gruss|grüße|grüsse|lg|vg|mfg|mfG)$|^(bien )?(cordialement|amicalement|à bientôt)$|^(bien à vous|salutations( distinguées)?|meilleures salutations)$|^(un )?(saludo|saludos)( cordiales)?$|^(atentamente|atenciosamente|cumprimentos|abraços|um abraço)$|^(cordiali|distinti)? ?saluti$|^(met )?(vriendelijke|hartelijke) groet(en)?$|^(groeten|groetjes|mvg)$|^(pozdrawiam|z poważaniem|z powazaniem|pozdrowienia|serdecznie pozdrawiam)$|^(med )?(venlig|vennlig|vänlig|vänliga|kærlig|venlige|vennlige) (hilsen|hälsningar|hälsning)$|^(hilsen|hälsningar|mvh|kh|kind regards)$|^(ystävällisin terveisin|terveisin|parhain terveisin)$|^(с уважением|с наилучшими пожеланиями|всего доброго)$|^(üdvözlettel|tisztelettel)$|^(s pozdravem|s úctou)$|^(saygılarımla|iyi çalışmalar)$|^(με εκτίμηση|φιλικά)$|^(cu stimă|cu respect)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Closing();

    [GeneratedRegex(@"^[-/–—]\s?\p{Lu}[\p{L}.'-]*( \p{Lu}[\p{L}.'-]*){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DashName();

    public static bool IsClosing(string line)
    {
        var t = line.Trim().TrimEnd(',', '!', '.', ';').Trim();
        return t.Length is > 0 and <= 40 && Closing().IsMatch(t);
    }

    /// <summary>"-Ann", "/John Smith": a name signed with a dash or slash.</summary>
    public static bool IsDashName(string line) => DashName().IsMatch(line.Trim());
}
