using System.Text.RegularExpressions;

namespace TicketMail.Core.Content.Replies;

/// <summary>
/// Signatures: the delimiter lines that start one ("-- ", "__", a row of dots, the ᐧ of tracking add-ons)
/// and the one-line signatures mail apps append ("Sent from my iPhone", "Get Outlook for Android" also in
/// its Markdown-link form, "Envoyé depuis mon …", "從我的 iPhone 傳送", …).
/// </summary>
public static partial class SignatureLine
{
    [GeneratedRegex(@"^(--\s*|_{2,}|ᐧ+|[\s*.·•]*(\.[\s*]*){4,}[\s*.·•]*|={30,})$", RegexOptions.CultureInvariant)]
    private static partial Regex Delimiter();

    [GeneratedRegex(@"^(Sent from my [\p{L}\p{N}’'\- ]{1,40}|Sent (from|with|via|using) [\p{L}\p{N}][\p{L}\p{N}’'\-. ]{0,40}|Get Outlook for \w+( \w+)?|Envoyé (de|depuis) (mon|ma) .{1,40}|Envoyé (avec|via|à partir de) .{1,40}|Envoyé de Yahoo.{0,40}|Diese Nachricht wurde von .{1,60} gesendet|Von meinem .{1,40} gesendet|Gesendet (von|mit|über|vom) .{1,40}|從我的.{1,20}傳送|从我的.{1,20}发送|.{1,20}から送信|Verzonden (met|vanaf|van) .{1,40}|Verstuurd (met|vanaf|van) .{1,40}|(Skickat )?från min .{1,40}|Sendt fra .{1,40}|Enviado (desde|do|de|con|com|a partir do) .{1,40}|Inviato da .{1,40}|Wysłane (z|ze) .{1,40}|Wysłano z .{1,40}|Odesláno z .{1,40}|Отправлено (с|из) .{1,40}|Надіслано з .{1,40}|Lähetetty .{1,40}|iPhone'umdan gönderildi|Trimis de pe .{1,40})[.!]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OneLine();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)|<(https?|mailto):[^>]*>|\(https?://[^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    public static bool IsDelimiter(string line) => line == "-- " || Delimiter().IsMatch(line.Trim());

    /// <summary>A one-line app signature; Markdown and &lt;url&gt; links are read as their text.</summary>
    public static bool IsSignature(string line)
    {
        var t = line.Trim();
        if (t.Length is 0 or > 200)
        {
            return false;
        }

        // (Each link form opens with '[', '<' or '(': other lines skip the pattern.)
        t = (t.AsSpan().IndexOfAny('[', '<', '(') >= 0 ? Link().Replace(t, m => m.Groups[1].Success ? m.Groups[1].Value : "") : t).Trim().Trim('*', '_').Trim();
        // A sentence that merely starts with the words ("Sent from my desk, is much easier …") is text.
        // Every app line has a space in it but the CJK ones: an ASCII word without one (most of a base64 or log
        // line) skips the case-insensitive alternation.
        return t.Length <= 80 && !t.Contains(',', StringComparison.Ordinal)
            && (t.Contains(' ', StringComparison.Ordinal) || t.AsSpan().ContainsAnyExceptInRange('\u0000', '\u007F')) && OneLine().IsMatch(t);
    }
}
