using System.Text;
using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// A part's file name (Content-Disposition filename, else Content-Type name) decoded like the subject: an RFC 2231
/// value whose charset is missing or does not fit its bytes, a raw 8-bit value that is not UTF-8, and encoded words
/// that lie about their charset are decoded again (<see cref="HeaderText"/>); anything else is MimeKit's reading.
/// </summary>
public static class PartName
{
    /// <summary>Trimmed, as MimeKit's <see cref="MimePart.FileName"/> is.</summary>
    public static string? Of(MimeEntity entity, HeaderHints hints) =>
        (Parameter(entity, HeaderId.ContentDisposition, "filename", entity.ContentDisposition?.FileName, hints)
         ?? Parameter(entity, HeaderId.ContentType, "name", entity.ContentType.Name, hints))?.Trim();

    private static string? Parameter(MimeEntity entity, HeaderId id, string name, string? parsed, HeaderHints hints)
    {
        if (parsed is null || entity.Headers.FirstOrDefault(h => h.Id == id) is not { } header)
        {
            return parsed;
        }

        if (Rfc2231Value.Of(Encoding.Latin1.GetString(header.RawValue), name) is { } extended)
        {
            return CharsetFamily.Fitting(extended.Charset, extended.Bytes) is not null ? parsed : CharsetGuess.DecodeHeader(extended.Bytes, hints);
        }

        if (!HeaderText.TryRepair(header, hints, out var raw, out var options))
        {
            return parsed;
        }

        var repaired = id == HeaderId.ContentDisposition
            ? ContentDisposition.TryParse(options, raw, out var disposition) ? disposition.FileName : null
            : ContentType.TryParse(options, raw, out var type) ? type.Name : null;
        return repaired ?? parsed;
    }
}
