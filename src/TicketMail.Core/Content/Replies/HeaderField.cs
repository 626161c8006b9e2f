using System.Text.RegularExpressions;

namespace TicketMail.Core.Content.Replies;

/// <summary>The kind of "Field: value" line a quoted header block is made of.</summary>
public enum HeaderFieldKind
{
    None,

    /// <summary>From and its translations: the field every quoted header block has.</summary>
    From,

    /// <summary>Sent/Date, To, Cc, Subject, Reply-To … in the languages clients write them.</summary>
    Other,

    /// <summary>A "Word: value" line of no known field; one is tolerated inside a block.</summary>
    Unknown,
}

/// <summary>Classifies one line of a quoted header block (Outlook's "From: … Sent: … To: … Subject: …").</summary>
public static partial class HeaderField
{
    [GeneratedRegex(@"^\s*[*_]*(From|Von|De|Van|Da|Från|Fra|Od|Lähettäjä|Feladó|От|Від|Kimden|Από|Expéditeur|Remitente|Odesílatel|Absender|Afzender|Avsändare|Nadawca|发件人|發件人|寄件者|寄件人|差出人|보낸 사람|Người gửi|Pengirim)[*_]*\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex From();

    [GeneratedRegex(@"^\s*[*_]*(Sent|Sent on|Sent at|Date|To|Cc|Bcc|Subject|Reply-To|Importance|Priority|Gesendet|Datum|An|Betreff|Kopie|Antwort an|Envoyé|Envoyé le|Envoyé :|Date d'envoi|À|A|Cc|Objet|Sujet|Message du|Répondre à|Enviado|Enviado el|Enviada em|Enviado em|Fecha|Para|Asunto|Assunto|Responder a|Verzonden|Verzonden op|Aan|Onderwerp|Inviato|Data|Oggetto|Rispondi a|Risposta|Skickat|Till|Kopia|Ämne|Sendt|Til|Emne|Kopi|Wysłano|Wysłane|Do|DW|Temat|Lähetetty|Vastaanottaja|Kopio|Aihe|Отправлено|Дата|Кому|Копия|Тема|Надіслано|Тема|Gönderildi|Tarih|Kime|Konu|Elküldve|Dátum|Címzett|Másolat|Tárgy|Ημερομηνία|Προς|Θέμα|Odesláno|Komu|Předmět|Trimis|Către|Subiect|收件人|抄送|主题|主題|发送时间|發送時間|日期|时间|時間|傳送時間|寄件日期|收件者|副本|主旨|送信日時|日時|宛先|件名|보낸 날짜|받는 사람|제목|Ngày|Tới|Chủ đề)[*_]*\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Other();

    [GeneratedRegex(@"^\s*[*_]*[\p{L}][\p{L}\- ]{0,24}[*_]*\s*[:：]\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex AnyField();

    public static HeaderFieldKind Of(string line)
    {
        // Every field pattern below needs a colon: a line without one (most lines) skips all three regexes.
        if (line.Length > 1000 || line.AsSpan().IndexOfAny(':', '：') < 0)
        {
            return HeaderFieldKind.None;
        }

        if (From().IsMatch(line))
        {
            return HeaderFieldKind.From;
        }

        if (Other().IsMatch(line))
        {
            return HeaderFieldKind.Other;
        }

        return AnyField().IsMatch(line) ? HeaderFieldKind.Unknown : HeaderFieldKind.None;
    }

    /// <summary>A rule that clients draw above the block: a row of dashes, underscores or equals signs.</summary>
    public static bool IsRule(string line)
    {
        var t = line.Trim();
        return t.Length >= 4 && t.All(c => c is '-' or '_' or '=' or '—' or '*');
    }
}
